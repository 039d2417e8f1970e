namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>How a set of indicator series is charted: the title, one panel per unit and measure, and what did not fit.</summary>
/// <param name="Title">The chart's title: what it shows and for which periods.</param>
/// <param name="Panels">At most <see cref="ChartRequest.MaxPanels"/> panels, in the order their first series was asked for.</param>
/// <param name="LeftOut">Series whose unit and measure would need a panel beyond the last one.</param>
public sealed record ChartPlan(string Title, IReadOnlyList<ChartPanel> Panels, IReadOnlyList<IndicatorSeries> LeftOut);
