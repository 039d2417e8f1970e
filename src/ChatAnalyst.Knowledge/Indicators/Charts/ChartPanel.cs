namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>
/// One plot area of a chart, with its own value axis. Every series in a panel shares one unit and one measure
/// (a growth rate is never drawn on the axis of a share, though both are in %).
/// </summary>
/// <param name="Title">What the panel shows, e.g. the measure the series share.</param>
/// <param name="AxisLabel">The value axis label: the unit and, when it helps, the measure ("% (year-on-year growth)").</param>
/// <param name="Series">The series drawn in the panel.</param>
public sealed record ChartPanel(string Title, string AxisLabel, IReadOnlyList<ChartSeries> Series);
