using System.Globalization;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// <see cref="IIndicatorTables"/> in the shared embedded SQLite file (tables in <see cref="IndicatorSchema"/>). Reads and
/// writes only; the <see cref="IndicatorCatalog"/> over it matches and resolves.
/// </summary>
public sealed class SqliteIndicatorTables : IIndicatorTables, IDisposable
{
    private readonly SqliteConnectionFactory _connections;
    private readonly RunOnce _schema = new();

    public SqliteIndicatorTables(SqliteConnectionFactory connections)
    {
        _connections = connections;
    }

    /// <inheritdoc/>
    public async Task ReplaceCuratedAsync(IReadOnlyList<IndicatorSeries> series, IReadOnlyList<Observation> observations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(observations);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        await ExecuteAsync(connection, transaction, "DELETE FROM indicator_observations; DELETE FROM indicator_series; DELETE FROM indicator_sources;", cancellationToken);

        foreach (var s in series)
        {
            await ExecuteAsync(
                connection,
                transaction,
                "INSERT INTO indicator_series (id, name, name_zh, aliases, category, region, unit, measure, frequency) VALUES ($id, $name, $name_zh, $aliases, $category, $region, $unit, $measure, $frequency)",
                cancellationToken,
                ("$id", s.Id), ("$name", s.Name), ("$name_zh", s.NameZh), ("$aliases", string.Join('|', s.Aliases)), ("$category", s.Category),
                ("$region", s.Region), ("$unit", s.Unit), ("$measure", s.Measure), ("$frequency", s.Frequency));
        }

        foreach (var source in observations.Select(o => o.Source).DistinctBy(s => s.DocumentId))
        {
            await ExecuteAsync(
                connection,
                transaction,
                "INSERT INTO indicator_sources (document_id, title, url, publisher, published) VALUES ($id, $title, $url, $publisher, $published)",
                cancellationToken,
                ("$id", source.DocumentId), ("$title", source.Title), ("$url", source.Url), ("$publisher", source.Publisher), ("$published", IndicatorRows.DateText(source.Published)));
        }

        foreach (var o in observations)
        {
            await ExecuteAsync(
                connection,
                transaction,
                "INSERT INTO indicator_observations (series_id, period, value, qualifier, status, published, source, note) VALUES ($series, $period, $value, $qualifier, $status, $published, $source, $note)",
                cancellationToken,
                ("$series", o.SeriesId), ("$period", o.Period.ToString()), ("$value", o.ValueText), ("$qualifier", o.Qualifier), ("$status", o.Status),
                ("$published", IndicatorRows.DateText(o.Published)), ("$source", o.Source.DocumentId), ("$note", o.Note));
        }

        await BumpVersionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task ReplaceExtractedFiguresAsync(string documentId, IReadOnlyList<ExtractedFigure> figures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(figures);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "DELETE FROM indicator_extracted_figures WHERE document_id = $id", cancellationToken, ("$id", documentId));
        foreach (var f in figures)
        {
            var c = f.Figure;
            await ExecuteAsync(
                connection,
                transaction,
                """
                INSERT INTO indicator_extracted_figures (document_id, chunk_id, title, url, publisher, published, value, unit, qualifier, subject, period, status, measure, sentence)
                VALUES ($doc, $chunk, $title, $url, $publisher, $published, $value, $unit, $qualifier, $subject, $period, $status, $measure, $sentence)
                """,
                cancellationToken,
                ("$doc", documentId), ("$chunk", f.ChunkId), ("$title", f.Source.Title), ("$url", f.Source.Url), ("$publisher", f.Source.Publisher),
                ("$published", IndicatorRows.DateText(f.Source.Published)), ("$value", c.Value), ("$unit", c.Unit), ("$qualifier", c.Qualifier), ("$subject", c.Subject),
                ("$period", c.Period?.ToString()), ("$status", c.Status), ("$measure", c.Measure), ("$sentence", c.Sentence));
        }

        await BumpVersionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task RemoveExtractedFiguresAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "DELETE FROM indicator_extracted_figures WHERE document_id = $id", cancellationToken, ("$id", documentId));
        await BumpVersionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadVersionAsync(connection, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IndicatorContent> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);

        // The version first: a write landing while the tables are read bumps it again, so the next check re-reads.
        var version = await ReadVersionAsync(connection, cancellationToken);
        return new IndicatorContent(
            version,
            await ReadAsync(connection, IndicatorRows.SeriesSql, r => IndicatorRows.Series(new Row(r)), cancellationToken),
            await ReadAsync(connection, IndicatorRows.ObservationsSql, r => IndicatorRows.Observation(new Row(r)), cancellationToken),
            await ReadAsync(connection, IndicatorRows.FiguresSql, r => IndicatorRows.Figure(new Row(r)), cancellationToken));
    }

    public void Dispose() => _schema.Dispose();

    private static async Task<long> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM indicator_meta WHERE key = 'content_version'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L, CultureInfo.InvariantCulture);
    }

    private static async Task<List<T>> ReadAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(map(reader));
        }

        return result;
    }

    private static Task BumpVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "UPDATE indicator_meta SET value = value + 1 WHERE key = 'content_version'", cancellationToken);

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

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A SQLite row as the shared row mapping reads it (all values stored as text).</summary>
    private sealed class Row(SqliteDataReader reader) : IndicatorRows.IRow
    {
        public string Text(int ordinal) => reader.GetString(ordinal);

        public string? NullableText(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }
}
