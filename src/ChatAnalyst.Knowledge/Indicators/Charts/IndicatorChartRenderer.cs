using System.Diagnostics.CodeAnalysis;
using SkiaSharp;

namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>
/// Draws indicator charts as PNG: a title, one panel per unit and measure (side by side, or two rows of two), and the
/// sources underneath, so the image stands on its own when forwarded. A panel is grouped bars when none of its period
/// groups has two periods, lines otherwise; lines join only like periods (<see cref="PeriodAxis"/>). Every text is
/// measured and fitted — wrapped, made smaller, or cut short with an ellipsis — so nothing is clipped at the edges.
/// </summary>
public sealed class IndicatorChartRenderer
{
    private const float Margin = 10;
    private const float PanelGap = 18;
    private static readonly float[] TitleSizes = [17, 16, 15, 14, 13];
    private static readonly float[] SourceSizes = [12, 11, 10, 9];

    /// <summary>Renders the request; throws <see cref="ArgumentException"/> when it has nothing to draw.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Instance API so the renderer is injected (and replaceable) by the plugin.")]
    public RenderedChart Render(ChartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Panels.Count == 0 || request.Panels.All(p => p.Series.All(s => s.Points.Count == 0)))
        {
            throw new ArgumentException("A chart needs at least one series with one value.", nameof(request));
        }

        if (request.Panels.Count > ChartRequest.MaxPanels)
        {
            throw new ArgumentException($"A chart holds at most {ChartRequest.MaxPanels} panels; this one has {request.Panels.Count}.", nameof(request));
        }

        using var surface = SKSurface.Create(new SKImageInfo(request.Width, request.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = new ChartCanvas(surface.Canvas);
        canvas.Canvas.Clear(SKColors.White);
        var width = request.Width - (2 * Margin);

        var title = TextFitter.Fit(request.Title, width, TitleSizes, 2, bold: true);
        var top = canvas.Text("title", title, request.Width / 2f, Margin, SKTextAlign.Center, ChartCanvas.Ink) + 6;

        var source = TextFitter.Fit(request.SourceLine, width, SourceSizes, 2);
        var sourceTop = request.Height - Margin - TextFitter.Height(source.Lines.Count, source.Size);
        canvas.Text("source", source, request.Width / 2f, sourceTop, SKTextAlign.Center, ChartCanvas.Muted);

        var lines = new List<ChartLine>();
        var allBars = true;
        var color = 0;
        var cells = Cells(request.Panels.Count, new SKRect(Margin, top, request.Width - Margin, sourceTop - 8));
        var renderer = new ChartPanelRenderer(canvas);
        var showTitles = request.Panels.Count > 1;
        var headers = request.Panels.Select((p, i) => ChartPanelRenderer.HeaderHeight(p, cells[i].Width, showTitles)).ToList();
        for (var i = 0; i < request.Panels.Count; i++)
        {
            // Panels in one row share the tallest header, so their plots start at the same height.
            var header = headers.Where((_, j) => cells[j].Top == cells[i].Top).Max();
            var drawing = renderer.Draw(request.Panels[i], cells[i], header, color, showTitles);
            color += request.Panels[i].Series.Count;
            lines.AddRange(drawing.Lines);
            allBars &= drawing.IsBars;
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return new RenderedChart(png.ToArray(), request.Width, request.Height, allBars ? "bar" : "line")
        {
            Texts = canvas.Texts,
            Lines = lines,
        };
    }

    /// <summary>The panels' rectangles: one row of up to three, or two rows of two for four.</summary>
    private static List<SKRect> Cells(int count, SKRect area)
    {
        var columns = count == 4 ? 2 : count;
        var rows = count == 4 ? 2 : 1;
        var cellWidth = (area.Width - (PanelGap * (columns - 1))) / columns;
        var cellHeight = (area.Height - (PanelGap * (rows - 1))) / rows;
        return Enumerable.Range(0, count)
            .Select(i => SKRect.Create(area.Left + ((i % columns) * (cellWidth + PanelGap)), area.Top + ((i / columns) * (cellHeight + PanelGap)), cellWidth, cellHeight))
            .ToList();
    }
}
