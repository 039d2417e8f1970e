using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// Checks <see cref="StorageOptions"/> at start, so a misconfigured instance fails before its first request, with a
/// message that names the key, the bad value and the fix rather than an exception from deep inside the first turn.
/// </summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = StorageOptions.SectionName + ":Provider";
        var connectionKey = "ConnectionStrings:" + StorageOptions.ConnectionStringName;
        if (string.Equals(options.Provider, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Success;
        }

        if (!options.UsesPostgres)
        {
            return ValidateOptionsResult.Fail(
                $"{key} is '{options.Provider}'; use {StorageOptions.Sqlite} (the default, an embedded file) or {StorageOptions.Postgres} " +
                $"(a shared PostgreSQL server named by {connectionKey}).");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{key} is {StorageOptions.Postgres} but {connectionKey} is empty; set it, e.g. the environment variable " +
                "ConnectionStrings__ChatAnalyst=\"Host=db;Username=chatanalyst;Password=...;Database=chatanalyst\".");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            // The connection string may hold a password, so the message names the problem, never the value.
            return ValidateOptionsResult.Fail(
                $"{connectionKey} is not a valid Npgsql connection string ({e.Message}); write it as " +
                "\"Host=...;Port=5432;Username=...;Password=...;Database=...\".");
        }

        return ValidateOptionsResult.Success;
    }
}
