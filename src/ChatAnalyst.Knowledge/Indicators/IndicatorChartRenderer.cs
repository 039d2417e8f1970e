using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ScottPlot;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// Draws indicator charts as PNG with ScottPlot: a bar chart when there is a single period (series side by side),
/// a line chart when there is a time series. Every chart has a title, a value axis labelled with the unit, period
/// labels and a source line, so the image stands on its own when forwarded.
/// </summary>
public sealed class IndicatorChartRenderer
{
    /// <summary>Renders the request; throws <see cref="ArgumentException"/> when it has nothing to draw.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Instance API so the renderer is injected (and replaceable) by the plugin.")]
    public RenderedChart Render(ChartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Series.Count == 0 || request.PeriodLabels.Count == 0 || request.Series.All(s => s.Values.All(v => v is null)))
        {
            throw new ArgumentException("A chart needs at least one series with one value.", nameof(request));
        }

        var plot = new Plot();
        try
        {
            plot.Font.Set(Fonts.Sans);
            var kind = request.PeriodLabels.Count == 1 ? "bar" : "line";
            if (kind == "bar")
            {
                DrawBars(plot, request);
            }
            else
            {
                DrawLines(plot, request);
            }

            // About 9 px per character at 16 pt; a title wider than the image would be clipped at both ends.
            plot.Title(Wrap(request.Title, Math.Max(30, request.Width / 10)), 16);
            plot.YLabel(request.Unit, 13);
            plot.XLabel(request.SourceLine, 11);
            using var image = plot.GetImage(request.Width, request.Height);
            return new RenderedChart(image.GetImageBytes(ImageFormat.Png), request.Width, request.Height, kind);
        }
        finally
        {
            plot.Dispose();
        }
    }

    private static void DrawBars(Plot plot, ChartRequest request)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var bars = request.Series
            .Select((s, i) => new Bar
            {
                Position = i,
                Value = s.Values[0] ?? 0,
                FillColor = palette.GetColor(i),
                Label = s.Values[0] is { } v ? Format(v) : "n/a",
            })
            .ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 12;
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, request.Series.Count).Select(i => (double)i).ToArray(),
            request.Series.Select(s => Wrap(s.Name, 22)).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Axes.Bottom.Label.Text = request.PeriodLabels[0];
    }

    private static void DrawLines(Plot plot, ChartRequest request)
    {
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < request.Series.Count; i++)
        {
            var series = request.Series[i];

            // One scatter per run of consecutive values, so a missing period shows as a gap rather than an invented line.
            var first = true;
            foreach (var run in Runs(series.Values))
            {
                var scatter = plot.Add.Scatter(run.Select(p => (double)p.X).ToArray(), run.Select(p => p.Value).ToArray(), palette.GetColor(i));
                scatter.MarkerSize = 7;
                scatter.LineWidth = 2;
                if (first)
                {
                    scatter.LegendText = series.Name;
                    first = false;
                }
            }
        }

        var many = request.PeriodLabels.Count > 6;
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, request.PeriodLabels.Count).Select(i => (double)i).ToArray(),
            request.PeriodLabels.Select(l => many ? l : Wrap(l, 12)).ToArray());
        if (many)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 110;
        }

        plot.Axes.Margins(horizontal: 0.08);
        plot.ShowLegend(Edge.Top);
    }

    private static IEnumerable<List<(int X, double Value)>> Runs(IReadOnlyList<double?> values)
    {
        var run = new List<(int X, double Value)>();
        for (var x = 0; x < values.Count; x++)
        {
            if (values[x] is { } v)
            {
                run.Add((x, v));
            }
            else if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    // Long names and period labels would overlap their neighbours on the axis.
    private static string Wrap(string name, int width)
    {
        if (name.Length <= width)
        {
            return name;
        }

        var words = name.Split(' ');
        var lines = new List<string> { string.Empty };
        foreach (var word in words)
        {
            if (lines[^1].Length > 0 && lines[^1].Length + word.Length + 1 > width)
            {
                lines.Add(string.Empty);
            }

            lines[^1] = lines[^1].Length == 0 ? word : lines[^1] + " " + word;
        }

        return string.Join('\n', lines);
    }
}
