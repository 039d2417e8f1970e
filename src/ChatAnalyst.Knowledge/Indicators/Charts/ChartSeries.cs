namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>One named set of figures in a <see cref="ChartPanel"/>: a line (or a bar in each period group).</summary>
/// <param name="Name">The name in the panel's legend.</param>
/// <param name="Points">The figures, in any order; the renderer sorts them by period.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);
