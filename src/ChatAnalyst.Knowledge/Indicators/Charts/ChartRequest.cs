namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>What to draw: one or more panels side by side under one title, with the sources underneath.</summary>
/// <param name="Title">Chart title.</param>
/// <param name="Panels">The panels, left to right (four at most; two rows of two when there are more than two).</param>
/// <param name="SourceLine">Attribution drawn under the chart, e.g. "Source: the ministry via a news agency".</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
public sealed record ChartRequest(
    string Title,
    IReadOnlyList<ChartPanel> Panels,
    string SourceLine,
    int Width = 800,
    int Height = 450)
{
    /// <summary>The most panels one image holds legibly at the default size.</summary>
    public const int MaxPanels = 4;
}
