namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>One figure of a <see cref="ChartSeries"/>: the period it covers and its value.</summary>
/// <param name="Period">The period; its kind decides which other points it may be joined to by a line.</param>
/// <param name="Value">The value drawn.</param>
/// <param name="Label">The value as written beside the point ("over 1"); null writes the plain number.</param>
public sealed record ChartPoint(Period Period, double Value, string? Label = null);
