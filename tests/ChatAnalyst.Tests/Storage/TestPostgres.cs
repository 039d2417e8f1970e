using Npgsql;

namespace ChatAnalyst.Tests.Storage;

/// <summary>
/// The real PostgreSQL server the tests may use: <c>CHATANALYST_TEST_POSTGRES</c> holds its connection string
/// (<c>.ci/postgres</c> starts one and sets it). Each test that needs one gets a fresh database of its own.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "CHATANALYST_TEST_POSTGRES";

    public static string? ConnectionString { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Why PostgreSQL tests are skipped, or null when a server is configured.</summary>
    public static string? SkipReason => ConnectionString is null
        ? $"No PostgreSQL server: {Variable} is not set, so this PostgreSQL test did not run. `.ci/run` starts one (see .ci/postgres)."
        : null;

    /// <summary>Creates an empty database on the test server; disposing it drops it.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var admin = ConnectionString ?? throw new InvalidOperationException(SkipReason);
        var name = "chatanalyst_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(admin, name, builder.ConnectionString);
    }

    /// <summary>A database of one test's own.</summary>
    public sealed class TestDatabase(string admin, string name, string connectionString) : IAsyncDisposable
    {
        public string ConnectionString { get; } = connectionString;

        public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

        public async ValueTask DisposeAsync()
        {
            // Pooled connections to it would block the drop; FORCE ends any a test left open.
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
