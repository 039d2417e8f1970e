namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>A piece of text the renderer placed, with the bounds it measured for it, in image pixels.</summary>
/// <param name="Role">What the text is: <c>title</c>, <c>panel-title</c>, <c>legend</c>, <c>axis-label</c>, <c>period</c>, <c>value</c> or <c>source</c>.</param>
/// <param name="Text">The text as drawn (lines separated by <c>\n</c>).</param>
/// <param name="Left">Left edge.</param>
/// <param name="Top">Top edge.</param>
/// <param name="Right">Right edge.</param>
/// <param name="Bottom">Bottom edge.</param>
public sealed record ChartTextBox(string Role, string Text, float Left, float Top, float Right, float Bottom);
