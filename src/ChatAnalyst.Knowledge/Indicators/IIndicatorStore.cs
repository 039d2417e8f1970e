namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// Curated indicators and figures extracted from articles. The SQLite implementation is the default;
/// another back-end implements this same interface. Reads return resolved figures: where releases conflict,
/// the latest published wins and the earlier ones are carried as superseded.
/// </summary>
public interface IIndicatorStore
{
    /// <summary>Replaces all curated series and observations in one transaction.</summary>
    Task ReplaceCuratedAsync(IReadOnlyList<IndicatorSeries> series, IReadOnlyList<Observation> observations, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<IndicatorSeries>> GetAllSeriesAsync(CancellationToken cancellationToken = default);

    /// <summary>The series with this id (case-insensitive), or null.</summary>
    Task<IndicatorSeries?> GetSeriesAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Series whose id, name, Chinese name or aliases match the query (token overlap, tolerant of typos), best first.</summary>
    Task<IReadOnlyList<SeriesMatch>> FindSeriesAsync(string query, int limit = 5, CancellationToken cancellationToken = default);

    /// <summary>All resolved observations of a series in period order (one per period and status class).</summary>
    Task<IReadOnlyList<ResolvedObservation>> GetObservationsAsync(string seriesId, CancellationToken cancellationToken = default);

    /// <summary>Resolved observations of a series for one period: outcome first, then forecast, then target.</summary>
    Task<IReadOnlyList<ResolvedObservation>> GetObservationsAsync(string seriesId, Period period, CancellationToken cancellationToken = default);

    /// <summary>The latest actual or preliminary figure; a forecast or target only when the series has no outcome at all.</summary>
    Task<ResolvedObservation?> GetLatestAsync(string seriesId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the extracted figures of one document (idempotent re-indexing).</summary>
    Task ReplaceExtractedFiguresAsync(string documentId, IReadOnlyList<ExtractedFigure> figures, CancellationToken cancellationToken = default);

    Task RemoveExtractedFiguresAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extracted figures matching the query, best first, leaving out any for which a curated observation
    /// exists for the same subject and period (the curated row wins).
    /// </summary>
    Task<IReadOnlyList<ExtractedFigure>> FindExtractedFiguresAsync(string query, int limit = 10, CancellationToken cancellationToken = default);
}
