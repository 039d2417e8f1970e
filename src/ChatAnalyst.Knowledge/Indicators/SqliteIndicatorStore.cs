using System.Diagnostics;
using System.Globalization;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// <see cref="IIndicatorStore"/> on the shared embedded SQLite file. The curated set is small (hundreds of rows),
/// so matching and conflict resolution run in memory over a snapshot of the tables. The snapshot is re-read only when
/// <c>indicator_meta.content_version</c> changes — every write bumps it, including writes from another process — so a
/// question costs one tiny query instead of three table scans.
/// </summary>
public sealed class SqliteIndicatorStore : IIndicatorStore, IDisposable
{
    // A subject must match a curated series this well before the curated row hides the extracted figure.
    private const double CuratedSubjectThreshold = 0.75;
    private const double SeriesThreshold = 0.45;
    private const double FigureThreshold = 0.5;

    private readonly SqliteConnectionFactory _connections;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;
    private volatile Snapshot? _snapshot;
    private long _versionCheckedAt;

    /// <summary>
    /// How long a snapshot is trusted before the version row is read again. Writes in this process invalidate it at
    /// once; a write by another process (a CLI ingest while the bot runs) is seen within this interval.
    /// </summary>
    private static readonly TimeSpan VersionCheckInterval = TimeSpan.FromSeconds(1);

    public SqliteIndicatorStore(SqliteConnectionFactory connections)
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
                ("$id", source.DocumentId), ("$title", source.Title), ("$url", source.Url), ("$publisher", source.Publisher), ("$published", DateText(source.Published)));
        }

        foreach (var o in observations)
        {
            await ExecuteAsync(
                connection,
                transaction,
                "INSERT INTO indicator_observations (series_id, period, value, qualifier, status, published, source, note) VALUES ($series, $period, $value, $qualifier, $status, $published, $source, $note)",
                cancellationToken,
                ("$series", o.SeriesId), ("$period", o.Period.ToString()), ("$value", o.ValueText), ("$qualifier", o.Qualifier), ("$status", o.Status),
                ("$published", DateText(o.Published)), ("$source", o.Source.DocumentId), ("$note", o.Note));
        }

        await BumpVersionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Our own write: the next read looks at the version row again instead of trusting the snapshot.
        _snapshot = null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<IndicatorSeries>> GetAllSeriesAsync(CancellationToken cancellationToken = default) =>
        (await SnapshotAsync(cancellationToken)).Series;

    private async Task<List<IndicatorSeries>> ReadSeriesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, name_zh, aliases, category, region, unit, measure, frequency FROM indicator_series ORDER BY id";
        var result = new List<IndicatorSeries>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new IndicatorSeries(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3).Split('|', StringSplitOptions.RemoveEmptyEntries),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetString(8)));
        }

        return result;
    }

    /// <inheritdoc/>
    public async Task<IndicatorSeries?> GetSeriesAsync(string id, CancellationToken cancellationToken = default)
    {
        var all = await GetAllSeriesAsync(cancellationToken);
        return all.FirstOrDefault(s => string.Equals(s.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SeriesMatch>> FindSeriesAsync(string query, int limit = 5, CancellationToken cancellationToken = default)
    {
        var snapshot = await SnapshotAsync(cancellationToken);
        var all = snapshot.Series;
        if (string.IsNullOrWhiteSpace(query) || all.Count == 0)
        {
            return [];
        }

        var scores = snapshot.SeriesMatcher!.Score(query);
        return all
            .Select((s, i) => new SeriesMatch(s, scores[i]))
            .Where(m => m.Score >= SeriesThreshold)
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Series.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ResolvedObservation>> GetObservationsAsync(string seriesId, CancellationToken cancellationToken = default) =>
        ObservationResolver.Resolve(await ReadObservationsAsync(seriesId, cancellationToken));

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ResolvedObservation>> GetObservationsAsync(string seriesId, Period period, CancellationToken cancellationToken = default) =>
        (await GetObservationsAsync(seriesId, cancellationToken)).Where(r => r.Current.Period == period).ToList();

    /// <inheritdoc/>
    public async Task<ResolvedObservation?> GetLatestAsync(string seriesId, CancellationToken cancellationToken = default)
    {
        var all = await GetObservationsAsync(seriesId, cancellationToken);
        return all.LastOrDefault(r => ObservationResolver.ClassOrder(r.Current.Status) == 0)
            ?? all.OrderBy(r => r.Current.Period).ThenBy(r => ObservationResolver.ClassOrder(r.Current.Status)).FirstOrDefault();
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
                ("$published", DateText(f.Source.Published)), ("$value", c.Value), ("$unit", c.Unit), ("$qualifier", c.Qualifier), ("$subject", c.Subject),
                ("$period", c.Period?.ToString()), ("$status", c.Status), ("$measure", c.Measure), ("$sentence", c.Sentence));
        }

        await BumpVersionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Our own write: the next read looks at the version row again instead of trusting the snapshot.
        _snapshot = null;
    }

    /// <inheritdoc/>
    public async Task RemoveExtractedFiguresAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "DELETE FROM indicator_extracted_figures WHERE document_id = $id", cancellationToken, ("$id", documentId));
        await BumpVersionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Our own write: the next read looks at the version row again instead of trusting the snapshot.
        _snapshot = null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ExtractedFigure>> FindExtractedFiguresAsync(string query, int limit = 10, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var snapshot = await SnapshotAsync(cancellationToken);
        var figures = snapshot.Figures;
        if (figures.Count == 0)
        {
            return [];
        }

        var scores = snapshot.FigureMatcher!.Score(query);
        return figures
            .Select((f, i) => (Figure: f, Score: scores[i], Covered: snapshot.CoveredByCurated[i]))
            .Where(x => x.Score >= FigureThreshold && !x.Covered)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Figure.DocumentId, StringComparer.Ordinal)
            .Select(x => x.Figure)
            .Take(limit)
            .ToList();
    }

    public void Dispose() => _schemaLock.Dispose();

    private static bool CoveredByCurated(ExtractedFigure figure, IReadOnlyList<IndicatorSeries> series, IReadOnlyList<Observation> curated, IndicatorTextMatcher? matcher)
    {
        if (figure.Figure.Period is not { } period || matcher is null)
        {
            return false;
        }

        var samePeriod = curated.Where(o => o.Period == period).ToList();
        if (samePeriod.Any(o => o.Source.DocumentId == figure.DocumentId && o.ValueText == figure.Figure.Value))
        {
            return true;
        }

        var scores = matcher.Score(figure.Figure.Subject);
        return series.Where((s, i) => scores[i] >= CuratedSubjectThreshold && s.Unit == figure.Figure.Unit)
            .Any(s => samePeriod.Any(o => o.SeriesId == s.Id));
    }

    private static IndicatorTextMatcher SeriesMatcher(IReadOnlyList<IndicatorSeries> series) =>
        new(series.Select(s => (
            (IReadOnlyList<string>)[s.Name, .. s.NameZh is null ? Array.Empty<string>() : [s.NameZh], .. s.Aliases, s.Id.Replace('-', ' ')],
            (IReadOnlyList<string>)[s.Category])).ToList());

    private async Task<List<Observation>> ReadObservationsAsync(string seriesId, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(cancellationToken);
        var id = seriesId?.Trim();
        return snapshot.Observations.Where(o => string.Equals(o.SeriesId, id, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The cached tables, re-read when another write (in this process or another) has bumped the version.</summary>
    private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } recent && Stopwatch.GetElapsedTime(Interlocked.Read(ref _versionCheckedAt)) < VersionCheckInterval)
        {
            return recent;
        }

        long version;
        await using (var connection = await OpenAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM indicator_meta WHERE key = 'content_version'";
            version = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L, CultureInfo.InvariantCulture);
        }

        if (_snapshot is { } cached && cached.Version == version)
        {
            Interlocked.Exchange(ref _versionCheckedAt, Stopwatch.GetTimestamp());
            return cached;
        }

        var series = await ReadSeriesAsync(cancellationToken);
        var observations = await ReadAllObservationsAsync(cancellationToken);
        var figures = await ReadExtractedFiguresAsync(cancellationToken);
        var seriesMatcher = series.Count == 0 ? null : SeriesMatcher(series);

        // Whether a curated row covers a figure depends on the data only, so it is worked out once per version.
        var covered = figures.Select(f => CoveredByCurated(f, series, observations, seriesMatcher)).ToArray();
        var snapshot = new Snapshot(
            version,
            series,
            observations,
            figures,
            covered,
            seriesMatcher,
            figures.Count == 0 ? null : new IndicatorTextMatcher(figures.Select(f => ((IReadOnlyList<string>)[f.Figure.Subject], (IReadOnlyList<string>)[f.Figure.Sentence, f.Source.Title])).ToList()));
        _snapshot = snapshot;
        Interlocked.Exchange(ref _versionCheckedAt, Stopwatch.GetTimestamp());
        return snapshot;
    }

    private static Task BumpVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "UPDATE indicator_meta SET value = value + 1 WHERE key = 'content_version'", cancellationToken);

    private async Task<List<Observation>> ReadAllObservationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT o.series_id, o.period, o.value, o.qualifier, o.status, o.published, o.note,
                   s.document_id, s.title, s.url, s.publisher, s.published
            FROM indicator_observations o JOIN indicator_sources s ON s.document_id = o.source
            ORDER BY o.id
            """;
        var result = new List<Observation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var source = new IndicatorSource(reader.GetString(7), reader.GetString(8), reader.GetString(9), NullableString(reader, 10), ParseDate(NullableString(reader, 11)));
            result.Add(new Observation(
                reader.GetString(0),
                Period.Parse(reader.GetString(1)),
                decimal.Parse(reader.GetString(2), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
                NullableString(reader, 3),
                reader.GetString(4),
                ParseDate(NullableString(reader, 5)),
                source,
                NullableString(reader, 6)));
        }

        return result;
    }

    private async Task<List<ExtractedFigure>> ReadExtractedFiguresAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT document_id, chunk_id, title, url, publisher, published, value, unit, qualifier, subject, period, status, measure, sentence
            FROM indicator_extracted_figures ORDER BY id
            """;
        var result = new List<ExtractedFigure>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var documentId = reader.GetString(0);
            var source = new IndicatorSource(documentId, reader.GetString(2), reader.GetString(3), NullableString(reader, 4), ParseDate(NullableString(reader, 5)));
            Period? period = Period.TryParse(NullableString(reader, 10), out var p) ? p : null;
            var figure = new FigureCandidate(
                reader.GetString(6), reader.GetString(7), NullableString(reader, 8), reader.GetString(9), period, reader.GetString(11), reader.GetString(12), reader.GetString(13));
            result.Add(new ExtractedFigure(documentId, reader.GetString(1), source, figure));
        }

        return result;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken);
        if (_schemaReady)
        {
            return connection;
        }

        try
        {
            await _schemaLock.WaitAsync(cancellationToken);
            try
            {
                if (!_schemaReady)
                {
                    await IndicatorSchema.EnsureAsync(connection, cancellationToken);
                    _schemaReady = true;
                }
            }
            finally
            {
                _schemaLock.Release();
            }
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

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string? DateText(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private sealed record Snapshot(
        long Version,
        IReadOnlyList<IndicatorSeries> Series,
        IReadOnlyList<Observation> Observations,
        IReadOnlyList<ExtractedFigure> Figures,
        bool[] CoveredByCurated,
        IndicatorTextMatcher? SeriesMatcher,
        IndicatorTextMatcher? FigureMatcher);
}
