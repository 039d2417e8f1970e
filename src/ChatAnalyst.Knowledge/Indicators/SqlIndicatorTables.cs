namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// What the SQL back-ends of <see cref="IIndicatorTables"/> share: every write is a list of
/// <see cref="IndicatorStatements"/> run in one transaction, so a back-end supplies only how to run them and how to read.
/// </summary>
public abstract class SqlIndicatorTables : IIndicatorTables
{
    /// <inheritdoc/>
    public Task ReplaceCuratedAsync(IReadOnlyList<IndicatorSeries> series, IReadOnlyList<Observation> observations, CancellationToken cancellationToken = default) =>
        RunAsync(IndicatorStatements.ReplaceCurated(series, observations), cancellationToken);

    /// <inheritdoc/>
    public Task ReplaceExtractedFiguresAsync(string documentId, IReadOnlyList<ExtractedFigure> figures, CancellationToken cancellationToken = default) =>
        RunAsync(IndicatorStatements.ReplaceFigures(documentId, figures), cancellationToken);

    /// <inheritdoc/>
    public Task RemoveExtractedFiguresAsync(string documentId, CancellationToken cancellationToken = default) =>
        RunAsync(IndicatorStatements.RemoveFigures(documentId), cancellationToken);

    /// <inheritdoc/>
    public abstract Task<long> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc/>
    public abstract Task<IndicatorContent> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs the statements (positional text parameters) in one transaction.</summary>
    private protected abstract Task RunAsync(IEnumerable<(string Sql, string?[] Values)> statements, CancellationToken cancellationToken);
}
