namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>The indicator tables as read at one version.</summary>
public sealed record IndicatorContent(
    long Version,
    IReadOnlyList<IndicatorSeries> Series,
    IReadOnlyList<Observation> Observations,
    IReadOnlyList<ExtractedFigure> Figures);
