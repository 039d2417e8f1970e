namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>A PNG chart and how it was drawn (<c>bar</c> for one period, <c>line</c> for a time series).</summary>
public sealed record RenderedChart(byte[] Png, int Width, int Height, string Kind);
