using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Indicators.Charts;
using SkiaSharp;

namespace ChatAnalyst.Tests.Indicators.Charts;

public sealed class IndicatorChartRendererTests
{
    private static readonly Period Year2023 = Period.ForYear(2023);
    private static readonly Period Year2024 = Period.ForYear(2024);
    private static readonly Period JanNov2025 = Period.ForYearToDate(2025, 11);

    private readonly IndicatorChartRenderer _renderer = new();

    [Fact]
    public void One_period_renders_a_bar_chart_png_of_the_requested_size()
    {
        var chart = _renderer.Render(new ChartRequest(
            "Installed capacity, 2024",
            [new ChartPanel("Installed capacity", "million kW", [new ChartSeries("Series A", [new(Year2024, 887)]), new ChartSeries("Series B", [new(Year2024, 521)])])],
            "Source: an energy administration",
            640,
            360));

        Assert.Equal("bar", chart.Kind);
        Assert.Empty(chart.Lines);
        PngAssert.IsPng(chart.Png, 640, 360);
    }

    [Fact]
    public void Several_periods_of_one_kind_render_one_line_per_series()
    {
        var chart = _renderer.Render(new ChartRequest(
            "Growth",
            [new ChartPanel("Growth", "% (year-on-year change)", [
                new ChartSeries("Series A", [new(Period.ForYear(2022), 7.4), new(Year2023, 2.7), new(Year2024, 8.9)]),
                new ChartSeries("Series B", [new(Period.ForYear(2022), 5.6), new(Year2024, 7.7)])])],
            "Source: a statistics office"));

        Assert.Equal("line", chart.Kind);
        PngAssert.IsPng(chart.Png, 800, 450);
        var line = Assert.Single(chart.Lines);
        Assert.Equal("Series A", line.Series);
        Assert.Equal([Period.ForYear(2022), Year2023, Year2024], line.Periods);
    }

    [Fact]
    public void A_full_year_and_a_january_to_november_total_are_never_joined_by_one_line()
    {
        var chart = _renderer.Render(new ChartRequest(
            "Growth",
            [new ChartPanel("Growth", "%", [new ChartSeries("Series A", [new(Year2023, 4.6), new(Year2024, 8.9), new(JanNov2025, 9.2)])])],
            "Source: a statistics office"));

        var line = Assert.Single(chart.Lines);
        Assert.Equal([Year2023, Year2024], line.Periods);
        Assert.All(chart.Lines, l => Assert.All(l.Periods, p => Assert.True(PeriodAxis.AreAlike(l.Periods[0], p))));
        Assert.Equal(["2023", "2024", "January–November 2025"], chart.Texts.Where(t => t.Role == "period").Select(t => t.Text));
    }

    [Fact]
    public void Every_point_is_labelled_with_its_period_and_every_text_is_measured_inside_the_image()
    {
        var chart = _renderer.Render(new ChartRequest(
            "A very long chart title that names two indicators with long official names, for 2024 and January–November 2025",
            [
                new ChartPanel("The first indicator with a long official name, growth", "% (year-on-year change)", [
                    new ChartSeries("The first indicator with a long official name, value added growth", [new(Year2024, 8.9), new(JanNov2025, 9.2)]),
                    new ChartSeries("The second indicator with a long official name, value added growth", [new(Year2024, 7.7), new(JanNov2025, 9.3)])]),
                new ChartPanel("The first indicator's share of the whole", "% (share)", [new ChartSeries("Share", [new(Year2024, 16.3)])]),
            ],
            "Source: " + string.Join("; ", Enumerable.Range(1, 6).Select(i => $"Publisher number {i} (a news agency); data: a national statistics bureau"))));

        Assert.Equal(["2024", "January–November 2025", "2024"], chart.Texts.Where(t => t.Role == "period").Select(t => t.Text.Replace('\n', ' ').Replace("Jan–Nov", "January–November", StringComparison.Ordinal)));
        Assert.Contains(chart.Texts, t => t.Role == "source");
        Assert.Equal(2, chart.Texts.Count(t => t.Role == "panel-title"));
        Assert.All(chart.Texts, t => Assert.True(
            t.Left >= 0 && t.Top >= 0 && t.Right <= chart.Width && t.Bottom <= chart.Height,
            $"{t.Role} \"{t.Text}\" at ({t.Left:0}, {t.Top:0})–({t.Right:0}, {t.Bottom:0}) is outside {chart.Width}x{chart.Height}"));
    }

    [Fact]
    public void Nothing_is_drawn_on_the_edge_of_the_image_so_no_text_is_cut_off()
    {
        // The old renderer centred a 200-character source line on an 800-pixel image: it ran off both edges.
        var chart = _renderer.Render(new ChartRequest(
            "Growth",
            [new ChartPanel("Growth", "%", [new ChartSeries("Series A", [new(Year2024, 8.9), new(JanNov2025, 9.2)]), new ChartSeries("Series B", [new(Year2024, 7.7), new(JanNov2025, 9.3)])])],
            "Source: " + string.Join("; ", Enumerable.Range(1, 8).Select(i => $"Publisher {i}; data: a ministry of something important"))));

        using var bitmap = SKBitmap.Decode(chart.Png);
        var ink = new List<string>();
        for (var x = 0; x < bitmap.Width; x++)
        {
            for (var y = 0; y < bitmap.Height; y++)
            {
                var onEdge = x < 2 || y < 2 || x >= bitmap.Width - 2 || y >= bitmap.Height - 2;
                if (onEdge && bitmap.GetPixel(x, y) != SKColors.White)
                {
                    ink.Add($"({x}, {y})");
                }
            }
        }

        Assert.True(ink.Count == 0, "ink on the edge at " + string.Join(", ", ink.Take(10)));
        var source = Assert.Single(chart.Texts, t => t.Role == "source");
        Assert.EndsWith("…", source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_to_draw_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _renderer.Render(new ChartRequest("Empty", [new ChartPanel("Empty", "%", [new ChartSeries("A", [])])], "Source: none")));
    }
}
