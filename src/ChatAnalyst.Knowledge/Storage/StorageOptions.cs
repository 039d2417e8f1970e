namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// Where shared state lives (<c>ChatAnalyst:Storage</c>): conversation state, feedback, the knowledge index and the
/// indicator tables. <c>Sqlite</c> (default) keeps them in the embedded database file; <c>Postgres</c> keeps them in the PostgreSQL database
/// named by the connection string <c>ConnectionStrings:ChatAnalyst</c>, so several instances can share them.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "ChatAnalyst:Storage";

    /// <summary>The name under <c>ConnectionStrings</c> (environment variable <c>ConnectionStrings__ChatAnalyst</c>).</summary>
    public const string ConnectionStringName = "ChatAnalyst";

    /// <summary>The embedded default.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>A shared PostgreSQL server, reached through Npgsql.</summary>
    public const string Postgres = "Postgres";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// The Npgsql connection string, read from <c>ConnectionStrings:ChatAnalyst</c> rather than from this section, so it
    /// sits where ASP.NET Core operators look for connection strings.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Whether <see cref="Provider"/> names PostgreSQL (case-insensitive, like the rest of the configuration).</summary>
    public bool UsesPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}
