namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>One named line or bar group of a <see cref="ChartRequest"/>; values align with its period labels.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);
