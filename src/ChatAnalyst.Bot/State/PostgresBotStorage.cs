using ChatAnalyst.Knowledge.Storage;
using Microsoft.Bot.Builder;
using Npgsql;
using NpgsqlTypes;

namespace ChatAnalyst.Bot.State;

/// <summary>
/// Bot Framework <see cref="IStorage"/> in PostgreSQL (table <c>bot_state</c>, items as <c>jsonb</c>), shared by every
/// instance on the database, so a conversation can move between instances. ETags follow the SDK's storages: every write
/// issues a new one; a store item written with an older ETag fails; <c>*</c> or no ETag overwrites. The ETag check is
/// part of the upsert itself, so two instances writing the same item at once cannot both win.
/// </summary>
public sealed class PostgresBotStorage : IStorage, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS bot_state (
            key        text        PRIMARY KEY,
            etag       text        NOT NULL,
            document   jsonb       NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly RunOnce _setUp = new();

    public PostgresBotStorage(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    /// <summary>Creates the table when missing. Idempotent and safe when several instances start at once.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _setUp.RunAsync(token => PostgresMigrations.RunAsync(_dataSource, Schema, token), cancellationToken);

    /// <inheritdoc/>
    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>(keys.Length);
        if (keys.Length == 0)
        {
            return items;
        }

        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("SELECT key, etag, document::text FROM bot_state WHERE key = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = keys });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items[reader.GetString(0)] = StateJson.Deserialize(reader.GetString(2), reader.GetString(1));
        }

        return items;
    }

    /// <inheritdoc/>
    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        await InitializeAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (key, value) in changes)
        {
            await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = key });
            if (value is null)
            {
                command.CommandText = "DELETE FROM bot_state WHERE key = $1";
                await command.ExecuteNonQueryAsync(cancellationToken);
                continue;
            }

            // Under READ COMMITTED, a conflicting upsert waits for the other writer's row lock and then re-checks the
            // WHERE against the row that writer committed, so a stale ETag is caught even in a race.
            var expected = StateJson.ExpectedETag(value);
            command.CommandText = """
                INSERT INTO bot_state(key, etag, document, updated_at) VALUES ($1, $2, $3, now())
                ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, document = excluded.document, updated_at = excluded.updated_at
                WHERE $4::text IS NULL OR bot_state.etag = $4::text
                """;
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = StateJson.NewETag() });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = StateJson.Serialize(value) });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)expected ?? DBNull.Value });
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw StateJson.Conflict(key, expected!);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            return;
        }

        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("DELETE FROM bot_state WHERE key = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = keys });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => _setUp.Dispose();
}
