using SkiaSharp;

namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>Draws fitted texts on a canvas and records where each went, so the caller can report (and tests check) the bounds.</summary>
internal sealed class ChartCanvas(SKCanvas canvas)
{
    public static readonly SKColor Ink = new(0x22, 0x22, 0x22);

    public static readonly SKColor Muted = new(0x55, 0x55, 0x55);

    public SKCanvas Canvas => canvas;

    public List<ChartTextBox> Texts { get; } = [];

    /// <summary>Draws the lines from <paramref name="top"/> down, aligned on <paramref name="x"/>; returns the bottom.</summary>
    public float Text(string role, FittedText text, float x, float top, SKTextAlign align, SKColor color)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var font = ChartFonts.Font(text.Size, text.Bold);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        var widest = text.Lines.Max(l => font.MeasureText(l));
        var y = top;
        foreach (var line in text.Lines)
        {
            canvas.DrawText(line, x, y - font.Metrics.Ascent, align, font, paint);
            y += font.Spacing;
        }

        var left = align switch
        {
            SKTextAlign.Center => x - (widest / 2),
            SKTextAlign.Right => x - widest,
            _ => x,
        };
        Texts.Add(new ChartTextBox(role, text.Text, left, top, left + widest, y));
        return y;
    }

    /// <summary>One line turned a quarter anti-clockwise, centred on (<paramref name="x"/>, <paramref name="centerY"/>): a value-axis label.</summary>
    public void VerticalText(string role, FittedText text, float x, float centerY, SKColor color)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var font = ChartFonts.Font(text.Size, text.Bold);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        var width = font.MeasureText(text.Lines[0]);
        canvas.Save();
        canvas.Translate(x, centerY);
        canvas.RotateDegrees(-90);
        canvas.DrawText(text.Lines[0], 0, -font.Metrics.Ascent, SKTextAlign.Center, font, paint);
        canvas.Restore();
        Texts.Add(new ChartTextBox(role, text.Lines[0], x, centerY - (width / 2), x + font.Spacing, centerY + (width / 2)));
    }

    /// <summary>Records a text another library drew, with bounds measured here.</summary>
    public void Record(string role, string text, float left, float top, float right, float bottom) =>
        Texts.Add(new ChartTextBox(role, text, left, top, right, bottom));
}
