using System.Diagnostics;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// <see cref="IIndicatorStore"/> over any <see cref="IIndicatorTables"/>: the curated set is small (hundreds of rows),
/// so matching and conflict resolution run in memory over a snapshot of the tables, the same code whichever database
/// holds them. The snapshot is re-read only when the tables' version changes — every write bumps it, including writes
/// from another process or instance — so a question costs at most one tiny query a second instead of three table scans.
/// </summary>
public sealed class IndicatorCatalog : IIndicatorStore
{
    // A subject must match a curated series this well before the curated row hides the extracted figure.
    private const double CuratedSubjectThreshold = 0.75;
    private const double SeriesThreshold = 0.45;
    private const double FigureThreshold = 0.5;

    /// <summary>
    /// How long a snapshot is trusted before the version is read again. Writes through this catalog invalidate it at
    /// once; a write by another process (a CLI ingest while the bot runs, another instance) is seen within this interval.
    /// </summary>
    private static readonly TimeSpan VersionCheckInterval = TimeSpan.FromSeconds(1);

    private readonly IIndicatorTables _tables;
    private volatile Snapshot? _snapshot;
    private long _versionCheckedAt;

    public IndicatorCatalog(IIndicatorTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _tables = tables;
    }

    /// <inheritdoc/>
    public async Task ReplaceCuratedAsync(IReadOnlyList<IndicatorSeries> series, IReadOnlyList<Observation> observations, CancellationToken cancellationToken = default)
    {
        await _tables.ReplaceCuratedAsync(series, observations, cancellationToken);

        // Our own write: the next read looks at the version again instead of trusting the snapshot.
        _snapshot = null;
    }

    /// <inheritdoc/>
    public async Task ReplaceExtractedFiguresAsync(string documentId, IReadOnlyList<ExtractedFigure> figures, CancellationToken cancellationToken = default)
    {
        await _tables.ReplaceExtractedFiguresAsync(documentId, figures, cancellationToken);
        _snapshot = null;
    }

    /// <inheritdoc/>
    public async Task RemoveExtractedFiguresAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await _tables.RemoveExtractedFiguresAsync(documentId, cancellationToken);
        _snapshot = null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<IndicatorSeries>> GetAllSeriesAsync(CancellationToken cancellationToken = default) =>
        (await SnapshotAsync(cancellationToken)).Content.Series;

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
        var all = snapshot.Content.Series;
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
    public async Task<IReadOnlyList<ResolvedObservation>> GetObservationsAsync(string seriesId, CancellationToken cancellationToken = default)
    {
        var snapshot = await SnapshotAsync(cancellationToken);
        var id = seriesId?.Trim();
        return ObservationResolver.Resolve(
            snapshot.Content.Observations.Where(o => string.Equals(o.SeriesId, id, StringComparison.OrdinalIgnoreCase)).ToList());
    }

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
    public async Task<IReadOnlyList<ExtractedFigure>> FindExtractedFiguresAsync(string query, int limit = 10, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var snapshot = await SnapshotAsync(cancellationToken);
        var figures = snapshot.Content.Figures;
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

    /// <summary>The cached tables, re-read when another write (in this process or another) has bumped the version.</summary>
    private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } recent && Stopwatch.GetElapsedTime(Interlocked.Read(ref _versionCheckedAt)) < VersionCheckInterval)
        {
            return recent;
        }

        var version = await _tables.GetVersionAsync(cancellationToken);
        if (_snapshot is { } cached && cached.Content.Version == version)
        {
            Interlocked.Exchange(ref _versionCheckedAt, Stopwatch.GetTimestamp());
            return cached;
        }

        var read = await _tables.ReadAllAsync(cancellationToken);
        var content = read with { Series = [.. read.Series.OrderBy(s => s.Id, StringComparer.Ordinal)] };
        var series = content.Series;
        var figures = content.Figures;
        var seriesMatcher = series.Count == 0 ? null : SeriesMatcher(series);

        // Whether a curated row covers a figure depends on the data only, so it is worked out once per version.
        var covered = figures.Select(f => CoveredByCurated(f, series, content.Observations, seriesMatcher)).ToArray();
        var snapshot = new Snapshot(
            content,
            covered,
            seriesMatcher,
            figures.Count == 0 ? null : new IndicatorTextMatcher(figures.Select(f => ((IReadOnlyList<string>)[f.Figure.Subject], (IReadOnlyList<string>)[f.Figure.Sentence, f.Source.Title])).ToList()));
        _snapshot = snapshot;
        Interlocked.Exchange(ref _versionCheckedAt, Stopwatch.GetTimestamp());
        return snapshot;
    }

    private sealed record Snapshot(
        IndicatorContent Content,
        bool[] CoveredByCurated,
        IndicatorTextMatcher? SeriesMatcher,
        IndicatorTextMatcher? FigureMatcher);
}
