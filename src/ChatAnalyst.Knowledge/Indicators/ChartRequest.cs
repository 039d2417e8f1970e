namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>What to draw: one or more series over shared period labels, all in one unit.</summary>
/// <param name="Title">Chart title.</param>
/// <param name="Unit">Unit of every value; becomes the value-axis label.</param>
/// <param name="PeriodLabels">Period labels in chronological order (the categories or time axis).</param>
/// <param name="Series">The series; each value aligns with <paramref name="PeriodLabels"/> (null where a period has no figure).</param>
/// <param name="SourceLine">Attribution drawn under the chart, e.g. "Source: the ministry via a news agency".</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
public sealed record ChartRequest(
    string Title,
    string Unit,
    IReadOnlyList<string> PeriodLabels,
    IReadOnlyList<ChartSeries> Series,
    string SourceLine,
    int Width = 800,
    int Height = 450);
