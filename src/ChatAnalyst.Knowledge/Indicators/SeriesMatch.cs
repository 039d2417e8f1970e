namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>A series found for a query, with how well it matched (0–1 coverage of the query, plus a bonus for a whole-name match).</summary>
public sealed record SeriesMatch(IndicatorSeries Series, double Score);
