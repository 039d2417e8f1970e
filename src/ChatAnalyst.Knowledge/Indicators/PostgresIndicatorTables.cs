using System.Data;
using ChatAnalyst.Knowledge.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// <see cref="IIndicatorTables"/> in PostgreSQL, shared by every instance on the database: the same tables and text
/// columns as <see cref="SqliteIndicatorTables"/> (so both run <see cref="IndicatorStatements"/> and read with
/// <see cref="IndicatorRows"/>). Figures extracted from an article ingested through one instance are seen by all.
/// </summary>
public sealed class PostgresIndicatorTables : SqlIndicatorTables, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS indicator_series (
            id text PRIMARY KEY, name text NOT NULL, name_zh text, aliases text NOT NULL, category text NOT NULL,
            region text NOT NULL, unit text NOT NULL, measure text NOT NULL, frequency text NOT NULL);
        CREATE TABLE IF NOT EXISTS indicator_sources (
            document_id text PRIMARY KEY, title text NOT NULL, url text NOT NULL, publisher text, published text);
        CREATE TABLE IF NOT EXISTS indicator_observations (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            series_id text NOT NULL REFERENCES indicator_series(id) ON DELETE CASCADE,
            period text NOT NULL, value text NOT NULL, qualifier text, status text NOT NULL, published text,
            source text NOT NULL REFERENCES indicator_sources(document_id), note text);
        CREATE INDEX IF NOT EXISTS ix_indicator_observations_series ON indicator_observations(series_id);
        CREATE TABLE IF NOT EXISTS indicator_extracted_figures (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            document_id text NOT NULL, chunk_id text NOT NULL, title text NOT NULL, url text NOT NULL, publisher text,
            published text, value text NOT NULL, unit text NOT NULL, qualifier text, subject text NOT NULL, period text,
            status text NOT NULL, measure text NOT NULL, sentence text NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_indicator_extracted_figures_document ON indicator_extracted_figures(document_id);
        CREATE TABLE IF NOT EXISTS indicator_meta (key text PRIMARY KEY, value bigint NOT NULL);
        INSERT INTO indicator_meta (key, value) VALUES ('content_version', 0) ON CONFLICT (key) DO NOTHING;
        """;

    /// <summary>The advisory lock writers hold for their transaction; the schema script takes it too (see <see cref="PostgresMigrations"/>).</summary>
    private const string WritersLock = "chatanalyst_indicator_tables";

    private const string VersionSql = "SELECT value FROM indicator_meta WHERE key = 'content_version'";

    private readonly NpgsqlDataSource _dataSource;
    private readonly RunOnce _setUp = new();

    public PostgresIndicatorTables(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    /// <summary>Creates the tables when missing. Idempotent and safe when several instances start at once.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _setUp.RunAsync(token => PostgresMigrations.RunAsync(_dataSource, Schema, WritersLock, token), cancellationToken);

    /// <inheritdoc/>
    public override async Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand(VersionSql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc/>
    public override async Task<IndicatorContent> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);

        // One snapshot for the version and all three tables, so they belong together.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var version = new NpgsqlCommand(VersionSql, connection, transaction);
        var content = new IndicatorContent(
            (long)(await version.ExecuteScalarAsync(cancellationToken))!,
            await ReadAsync(connection, transaction, IndicatorRows.SeriesSql, IndicatorRows.Series, cancellationToken),
            await ReadAsync(connection, transaction, IndicatorRows.ObservationsSql, IndicatorRows.Observation, cancellationToken),
            await ReadAsync(connection, transaction, IndicatorRows.FiguresSql, IndicatorRows.Figure, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return content;
    }

    public void Dispose() => _setUp.Dispose();

    private static async Task<List<T>> ReadAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Func<System.Data.Common.DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await IndicatorRows.ReadAsync(command, map, cancellationToken);
    }

    /// <summary>
    /// Runs the statements in one transaction. Writers first take one transaction-scoped advisory lock, so two
    /// instances replacing the tables at once run one after the other instead of deadlocking on each other's rows, and
    /// an instance creating the tables at start waits for a write in progress.
    /// </summary>
    private protected override async Task RunAsync(IEnumerable<(string Sql, string?[] Values)> statements, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock(hashtext('{WritersLock}'))"));
        foreach (var (sql, values) in statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
