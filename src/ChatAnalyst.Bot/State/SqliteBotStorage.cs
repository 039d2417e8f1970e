using System.Globalization;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Bot.State;

/// <summary>
/// Bot Framework <see cref="IStorage"/> in the embedded SQLite file (table <c>bot_state</c>, beside the knowledge index),
/// so conversation state survives a restart. Items are JSON documents (<see cref="StateJson"/>). ETags follow the SDK's
/// storages: every write issues a new one; a store item written with an older ETag fails; <c>*</c> or no ETag overwrites.
/// A write of several items is one transaction: all of them or none; a <see cref="JoinedWrite"/> offered in the writer's
/// async flow (the turn's answer record) joins that transaction.
/// </summary>
public sealed class SqliteBotStorage : IStorage, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS bot_state (
            key        TEXT PRIMARY KEY,
            etag       TEXT NOT NULL,
            document   TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """;

    private readonly SqliteConnectionFactory _connections;
    private readonly RunOnce _setUp = new();

    public SqliteBotStorage(SqliteConnectionFactory connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        _connections = connections;
    }

    /// <summary>The database file the table is in.</summary>
    public string DatabaseFile => _connections.DatabaseFile;

    /// <summary>Creates the table when missing. Idempotent; the other methods call it on first use.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _setUp.RunAsync(
            async token =>
            {
                await using var connection = await _connections.OpenAsync(token);
                await using var command = connection.CreateCommand();
                command.CommandText = Schema;
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);

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
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT key, etag, document FROM bot_state WHERE key IN ({KeyParameters(command, keys)})";
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
        await using var connection = await _connections.OpenAsync(cancellationToken);

        // Microsoft.Data.Sqlite begins IMMEDIATE transactions: the write lock is taken up front, so the ETag check and
        // the write below cannot interleave with another writer's.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var joined = JoinedWrite.Pending;
        foreach (var (key, value) in changes)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$key", key);
            if (value is null)
            {
                command.CommandText = "DELETE FROM bot_state WHERE key = $key";
                await command.ExecuteNonQueryAsync(cancellationToken);
                continue;
            }

            var expected = StateJson.ExpectedETag(value);
            command.CommandText = """
                INSERT INTO bot_state(key, etag, document, updated_at) VALUES ($key, $etag, $document, $at)
                ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, document = excluded.document, updated_at = excluded.updated_at
                WHERE $expected IS NULL OR bot_state.etag = $expected
                """;
            command.Parameters.AddWithValue("$etag", StateJson.NewETag());
            command.Parameters.AddWithValue("$document", StateJson.Serialize(value));
            command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$expected", (object?)expected ?? DBNull.Value);

            // No row changed: the item exists and its ETag is not the one this write was based on.
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw StateJson.Conflict(key, expected!);
            }
        }

        if (joined is not null)
        {
            await joined.RunAsync(connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        joined?.Committed();
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
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM bot_state WHERE key IN ({KeyParameters(command, keys)})";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => _setUp.Dispose();

    private static string KeyParameters(SqliteCommand command, string[] keys)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            command.Parameters.AddWithValue("$k" + i.ToString(CultureInfo.InvariantCulture), keys[i]);
        }

        return string.Join(", ", Enumerable.Range(0, keys.Length).Select(i => "$k" + i.ToString(CultureInfo.InvariantCulture)));
    }
}
