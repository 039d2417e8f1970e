using Npgsql;

namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// Runs schema scripts on PostgreSQL so that several instances starting at once cannot trip over each other.
/// <c>CREATE TABLE IF NOT EXISTS</c> alone is not enough there: two sessions creating the same table concurrently can
/// both pass the existence check and one fails on the catalog's unique index. A transaction-scoped advisory lock makes
/// the scripts run one at a time across the whole database; the lock is released at commit or rollback.
/// </summary>
public static class PostgresMigrations
{
    // One fixed key for every ChatAnalyst script: the scripts are short, so serialising all of them costs nothing.
    private const long LockKey = 0x43_68_61_74_41_6E_61; // "ChatAna"

    /// <summary>Runs <paramref name="script"/> (idempotent DDL) in one transaction under the migration lock.</summary>
    public static Task RunAsync(NpgsqlDataSource dataSource, string script, CancellationToken cancellationToken = default) =>
        RunAsync(dataSource, script, writersLock: null, cancellationToken);

    /// <summary>Runs <paramref name="script"/> (idempotent DDL) in one transaction under the migration lock.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="script">The DDL.</param>
    /// <param name="writersLock">
    /// The advisory lock (a name, hashed) the tables' writers hold for their transactions, taken after the migration
    /// lock. <c>CREATE INDEX IF NOT EXISTS</c> locks its table even when the index exists, so without it a script can
    /// lock one table, wait for a writer on another, and deadlock with that writer.
    /// </param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task RunAsync(NpgsqlDataSource dataSource, string script, string? writersLock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(script);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (writersLock is not null)
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext($1))", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = writersLock });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(script, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
