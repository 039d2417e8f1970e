namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>A text as <see cref="TextFitter"/> laid it out: its lines and the font size they fit at.</summary>
internal sealed record FittedText(IReadOnlyList<string> Lines, float Size, bool Bold)
{
    public string Text => string.Join('\n', Lines);
}
