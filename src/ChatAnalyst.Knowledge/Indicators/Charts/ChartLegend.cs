using SkiaSharp;

namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>A legend drawn above a panel's plot: a colour swatch and a name per series, flowing onto as many rows as needed.</summary>
internal sealed class ChartLegend
{
    private const float Swatch = 10;
    private const float SwatchGap = 5;
    private const float ItemGap = 14;

    private readonly List<List<(FittedText Text, int Index, float Width)>> _rows = [[]];
    private readonly float _width;
    private readonly float _rowHeight;

    /// <summary>Lays the names out in <paramref name="width"/> pixels at the largest size at which every name fits a row on its own.</summary>
    public ChartLegend(IReadOnlyList<string> names, float width, IReadOnlyList<float> sizes)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(sizes);
        _width = width;
        var room = width - Swatch - SwatchGap;
        var size = names.Min(n => TextFitter.Fit(n, room, sizes, 1).Size);
        _rowHeight = TextFitter.Height(1, size);
        var rowWidth = 0f;
        for (var i = 0; i < names.Count; i++)
        {
            var text = TextFitter.Fit(names[i], room, [size], 1);
            var itemWidth = Swatch + SwatchGap + TextFitter.Width(text.Text, size);
            if (_rows[^1].Count > 0 && rowWidth + ItemGap + itemWidth > width)
            {
                _rows.Add([]);
                rowWidth = 0;
            }

            rowWidth += (_rows[^1].Count > 0 ? ItemGap : 0) + itemWidth;
            _rows[^1].Add((text, i, itemWidth));
        }
    }

    public float Height => _rows.Count * _rowHeight;

    /// <summary>Draws the rows centred under <paramref name="top"/> in the column starting at <paramref name="left"/>; colours start at <paramref name="firstColor"/>.</summary>
    public void Draw(ChartCanvas canvas, float left, float top, int firstColor)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        foreach (var row in _rows)
        {
            var x = left + ((_width - row.Sum(r => r.Width) - (ItemGap * (row.Count - 1))) / 2);
            foreach (var (text, index, width) in row)
            {
                using var paint = new SKPaint { Color = ChartPanelRenderer.ColorOf(firstColor + index).ToSKColor(), IsAntialias = true };
                canvas.Canvas.DrawRect(x, top + ((_rowHeight - Swatch) / 2), Swatch, Swatch, paint);
                canvas.Text("legend", text, x + Swatch + SwatchGap, top, SKTextAlign.Left, ChartCanvas.Ink);
                x += width + ItemGap;
            }

            top += _rowHeight;
        }
    }
}
