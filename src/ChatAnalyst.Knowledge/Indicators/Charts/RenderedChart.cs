namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>A PNG chart and how it was drawn.</summary>
/// <param name="Png">The image.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Kind"><c>bar</c> when every panel is a bar chart (no period kind has two periods), otherwise <c>line</c>.</param>
public sealed record RenderedChart(byte[] Png, int Width, int Height, string Kind)
{
    /// <summary>Every text drawn, with its measured bounds (all inside the image).</summary>
    public IReadOnlyList<ChartTextBox> Texts { get; init; } = [];

    /// <summary>Every line drawn; a line joins periods of one kind only.</summary>
    public IReadOnlyList<ChartLine> Lines { get; init; } = [];
}
