namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// Where the indicator tables live: curated series and observations, and the figures extracted from articles. Storage
/// only — reads return rows as written, in insertion order; matching, conflict resolution and ranking are the
/// <see cref="IndicatorCatalog"/>'s, so every back-end (SQLite, PostgreSQL) shares them. Every write bumps
/// <see cref="GetVersionAsync"/>.
/// </summary>
public interface IIndicatorTables
{
    /// <summary>Replaces all curated series, sources and observations in one transaction.</summary>
    Task ReplaceCuratedAsync(IReadOnlyList<IndicatorSeries> series, IReadOnlyList<Observation> observations, CancellationToken cancellationToken = default);

    /// <summary>Replaces the extracted figures of one document in one transaction.</summary>
    Task ReplaceExtractedFiguresAsync(string documentId, IReadOnlyList<ExtractedFigure> figures, CancellationToken cancellationToken = default);

    /// <summary>Removes the extracted figures of one document.</summary>
    Task RemoveExtractedFiguresAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>A number that changes whenever any indicator table changes, in this process or another.</summary>
    Task<long> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Every row of every table: series by id, observations and figures in insertion order.</summary>
    Task<IndicatorContent> ReadAllAsync(CancellationToken cancellationToken = default);
}
