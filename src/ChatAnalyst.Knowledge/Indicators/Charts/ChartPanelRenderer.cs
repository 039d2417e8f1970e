using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>
/// Draws one <see cref="ChartPanel"/> into a rectangle of the canvas: its title, a legend when it has several
/// series, the value-axis label, and the plot itself (ScottPlot) with periods as categories. Every text is
/// measured first and placed so that it stays inside the rectangle.
/// </summary>
internal sealed class ChartPanelRenderer(ChartCanvas canvas)
{
    private static readonly float[] TitleSizes = [13, 12, 11];
    private static readonly float[] LegendSizes = [12, 11, 10];
    private static readonly float[] AxisLabelSizes = [12, 11, 10];
    private const float ValueLabelSize = 11;
    private const float Gap = 4;

    public static ScottPlot.Color ColorOf(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    /// <summary>The height of the panel's title and legend at <paramref name="width"/>; panels in a row use the tallest, so their plots line up.</summary>
    public static float HeaderHeight(ChartPanel panel, float width, bool showTitle)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var height = 0f;
        if (showTitle)
        {
            var title = TextFitter.Fit(panel.Title, width, TitleSizes, 2, bold: true);
            height += TextFitter.Height(title.Lines.Count, title.Size) + Gap;
        }

        if (panel.Series.Count > 1)
        {
            height += new ChartLegend(panel.Series.Select(s => s.Name).ToList(), width, LegendSizes).Height + Gap;
        }

        return height;
    }

    /// <summary>Draws the panel: its header (title, legend) in the top <paramref name="headerHeight"/> pixels, the plot below; colours start at <paramref name="firstColor"/>.</summary>
    public PanelDrawing Draw(ChartPanel panel, SKRect area, float headerHeight, int firstColor, bool showTitle)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var top = area.Top;
        if (showTitle)
        {
            var title = TextFitter.Fit(panel.Title, area.Width, TitleSizes, 2, bold: true);
            top = canvas.Text("panel-title", title, area.MidX, top, SKTextAlign.Center, ChartCanvas.Ink) + Gap;
        }

        if (panel.Series.Count > 1)
        {
            new ChartLegend(panel.Series.Select(s => s.Name).ToList(), area.Width, LegendSizes).Draw(canvas, area.Left, top, firstColor);
        }

        top = area.Top + headerHeight;
        var axisLabelWidth = TextFitter.Height(1, AxisLabelSizes[0]) + Gap;
        var plotArea = new SKRect(area.Left + axisLabelWidth, top, area.Right, area.Bottom);
        var axis = PeriodAxis.For(panel.Series);
        using var plot = new Plot();
        var placed = AddFigures(plot, panel, axis, firstColor);

        // First pass in memory: the data area's width decides how the period labels must be written to fit.
        plot.RenderInMemory((int)plotArea.Width, (int)plotArea.Height);
        var labels = PeriodLabels.Choose(axis.Categories, plot.LastRender.DataRect.Width / Math.Max(1, axis.Categories.Count) - (2 * Gap));
        plot.Axes.Bottom.TickLabelStyle.FontSize = labels.Size;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Texts.Count).Select(i => (double)i).ToArray(), labels.Texts.ToArray());

        // ScottPlot clears the canvas it renders on, so the plot is drawn on its own surface and copied into place.
        using (var surface = SKSurface.Create(new SKImageInfo((int)plotArea.Width, (int)plotArea.Height)))
        {
            plot.Render(surface);
            using var image = surface.Snapshot();
            canvas.Canvas.DrawImage(image, plotArea.Left, plotArea.Top);
        }

        var offset = new SKPoint(plotArea.Left, plotArea.Top);
        var local = plot.LastRender.DataRect;
        var data = new SKRect(local.Left + offset.X, local.Top + offset.Y, local.Right + offset.X, local.Bottom + offset.Y);
        SKPoint Pixel(double x, double y)
        {
            var p = plot.GetPixel(new Coordinates(x, y));
            return new SKPoint(p.X + offset.X, p.Y + offset.Y);
        }

        RecordPeriodLabels(Pixel, labels, data);
        ValueLabels(Pixel, placed, data);
        var axisLabel = TextFitter.Fit(panel.AxisLabel, data.Height, AxisLabelSizes, 1);
        canvas.VerticalText("axis-label", axisLabel, area.Left, data.MidY, ChartCanvas.Ink);

        var lines = axis.Categories.Count == 0 ? [] : panel.Series
            .SelectMany(s => axis.Runs(s).Where(r => r.Count > 1).Select(r => new ChartLine(panel.Title, s.Name, r.Select(p => p.Period).ToList())))
            .ToList();
        return new PanelDrawing(axis.IsBars, lines);
    }

    /// <summary>Adds the bars or lines; returns each point with where it sits on the x axis and its slot width (in categories).</summary>
    private static List<(ChartPoint Point, double X, double Slot)> AddFigures(Plot plot, ChartPanel panel, PeriodAxis axis, int firstColor)
    {
        plot.Font.Set(ChartFonts.FamilyName);
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        plot.Grid.XAxisStyle.IsVisible = false;
        var placed = new List<(ChartPoint, double, double)>();
        var count = panel.Series.Count;
        for (var s = 0; s < count; s++)
        {
            var series = panel.Series[s];
            var color = ColorOf(firstColor + s);
            if (axis.IsBars)
            {
                // Grouped bars: each period a group, each series a bar within it.
                var slot = 0.8 / count;
                var bars = series.Points.Select(p => new Bar
                {
                    Position = axis.IndexOf(p.Period) + ((s - ((count - 1) / 2.0)) * slot),
                    Value = p.Value,
                    Size = slot * 0.9,
                    FillColor = color,
                    LineWidth = 0,
                }).ToList();
                plot.Add.Bars(bars);
                placed.AddRange(series.Points.Select((p, i) => (p, bars[i].Position, slot)));
                continue;
            }

            foreach (var run in axis.Runs(series))
            {
                var scatter = plot.Add.Scatter(run.Select(p => (double)axis.IndexOf(p.Period)).ToArray(), run.Select(p => p.Value).ToArray(), color);
                scatter.MarkerSize = 8;
                scatter.LineWidth = run.Count > 1 ? 2 : 0;
                placed.AddRange(run.Select(p => (p, (double)axis.IndexOf(p.Period), 1.0)));
            }
        }

        // A dashed rule between groups of unlike periods says the axis is not one continuous time line.
        var start = 0;
        foreach (var group in axis.Groups.SkipLast(1))
        {
            start += group.Count;
            plot.Add.VerticalLine(start - 0.5, 1, Colors.Gray.WithAlpha(0.6), LinePattern.Dashed);
        }

        SetLimits(plot, placed.Select(p => p.Item1.Value).ToList(), axis);
        return placed;
    }

    private static void SetLimits(Plot plot, List<double> values, PeriodAxis axis)
    {
        var low = values.Count == 0 ? 0 : values.Min();
        var high = values.Count == 0 ? 1 : values.Max();
        if (axis.IsBars)
        {
            // Bars stand on zero.
            low = Math.Min(0, low);
            high = Math.Max(0, high);
        }

        var span = high - low;
        if (span <= 0)
        {
            span = Math.Max(1, Math.Abs(high));
            low -= span / 2;
            high += span / 2;
        }

        // Room above (and below, for negative values) for the value labels.
        var bottom = axis.IsBars && low >= 0 ? 0 : low - (span * (low < 0 ? 0.18 : 0.08));
        plot.Axes.SetLimits(-0.5, Math.Max(1, axis.Categories.Count) - 0.5, bottom, high + (span * 0.2));
    }

    private void RecordPeriodLabels(Func<double, double, SKPoint> pixel, PeriodLabels labels, SKRect data)
    {
        for (var i = 0; i < labels.Texts.Count; i++)
        {
            if (labels.Texts[i].Length == 0)
            {
                continue;
            }

            var x = pixel(i, 0).X;
            var width = TextFitter.Width(labels.Texts[i], labels.Size);
            var lines = labels.Texts[i].Split('\n').Length;
            canvas.Record("period", labels.Texts[i], x - (width / 2), data.Bottom + Gap, x + (width / 2), data.Bottom + Gap + TextFitter.Height(lines, labels.Size));
        }
    }

    /// <summary>Writes each point's value beside it where it fits its slot and overlaps no other value.</summary>
    private void ValueLabels(Func<double, double, SKPoint> pixel, List<(ChartPoint Point, double X, double Slot)> placed, SKRect data)
    {
        var taken = new List<SKRect>();
        var unitWidth = Math.Abs(pixel(1, 0).X - pixel(0, 0).X);
        foreach (var (point, x, slot) in placed)
        {
            var text = point.Label ?? point.Value.ToString("0.####", CultureInfo.InvariantCulture);
            var width = TextFitter.Width(text, ValueLabelSize);
            var height = TextFitter.Height(1, ValueLabelSize);
            if (width > (slot * unitWidth) - 2)
            {
                continue;
            }

            var anchor = pixel(x, point.Value);
            var above = point.Value >= 0;
            var top = above ? anchor.Y - Gap - height : anchor.Y + Gap;
            top = Math.Clamp(top, data.Top + 1, data.Bottom - height - 1);
            var box = new SKRect(anchor.X - (width / 2), top, anchor.X + (width / 2), top + height);
            if (taken.Any(t => t.IntersectsWith(box)))
            {
                continue;
            }

            taken.Add(box);
            canvas.Text("value", new FittedText([text], ValueLabelSize, false), anchor.X, top, SKTextAlign.Center, ChartCanvas.Ink);
        }
    }
}
