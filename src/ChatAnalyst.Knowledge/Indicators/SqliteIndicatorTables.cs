using System.Globalization;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// <see cref="IIndicatorTables"/> in the shared embedded SQLite file (tables in <see cref="IndicatorSchema"/>). Reads and
/// writes only; the <see cref="IndicatorCatalog"/> over it matches and resolves.
/// </summary>
public sealed class SqliteIndicatorTables : SqlIndicatorTables, IDisposable
{
    private readonly SqliteConnectionFactory _connections;
    private readonly RunOnce _schema = new();

    public SqliteIndicatorTables(SqliteConnectionFactory connections)
    {
        _connections = connections;
    }

    /// <inheritdoc/>
    public override async Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadVersionAsync(connection, cancellationToken);
    }

    /// <inheritdoc/>
    public override async Task<IndicatorContent> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);

        // The version first: a write landing while the tables are read bumps it again, so the next check re-reads.
        var version = await ReadVersionAsync(connection, cancellationToken);
        return new IndicatorContent(
            version,
            await ReadAsync(connection, IndicatorRows.SeriesSql, IndicatorRows.Series, cancellationToken),
            await ReadAsync(connection, IndicatorRows.ObservationsSql, IndicatorRows.Observation, cancellationToken),
            await ReadAsync(connection, IndicatorRows.FiguresSql, IndicatorRows.Figure, cancellationToken));
    }

    public void Dispose() => _schema.Dispose();

    private static async Task<long> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM indicator_meta WHERE key = 'content_version'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L, CultureInfo.InvariantCulture);
    }

    private static async Task<List<T>> ReadAsync<T>(SqliteConnection connection, string sql, Func<System.Data.Common.DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await IndicatorRows.ReadAsync(command, map, cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken);
        try
        {
            await _schema.RunAsync(token => IndicatorSchema.EnsureAsync(connection, token), cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    /// <summary>Runs the statements in one transaction.</summary>
    private protected override async Task RunAsync(IEnumerable<(string Sql, string?[] Values)> statements, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (sql, values) in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.AddWithValue("$" + (i + 1).ToString(CultureInfo.InvariantCulture), (object?)values[i] ?? DBNull.Value);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
