using ChatAnalyst.Knowledge.Indicators;

namespace ChatAnalyst.Tests.Indicators;

public sealed class IndicatorChartRendererTests
{
    private readonly IndicatorChartRenderer _renderer = new();

    [Fact]
    public void One_period_renders_a_bar_chart_png_of_the_requested_size()
    {
        var chart = _renderer.Render(new ChartRequest(
            "Installed capacity, 2024",
            "million kW",
            ["2024"],
            [new ChartSeries("Solar", [887]), new ChartSeries("Wind", [521])],
            "Source: National Energy Administration",
            640,
            360));

        Assert.Equal("bar", chart.Kind);
        PngAssert.IsPng(chart.Png, 640, 360);
    }

    [Fact]
    public void Several_periods_render_a_line_chart_with_gaps_allowed()
    {
        var chart = _renderer.Render(new ChartRequest(
            "High-tech manufacturing growth",
            "% (year-on-year growth)",
            ["2022", "2023", "2024", "January–November 2025"],
            [new ChartSeries("High-tech manufacturing", [7.4, 2.7, 8.9, 9.2]), new ChartSeries("Equipment manufacturing", [5.6, null, 7.7, 9.3])],
            "Source: NBS; MIIT"));

        Assert.Equal("line", chart.Kind);
        PngAssert.IsPng(chart.Png, 800, 450);
    }

    [Fact]
    public void Nothing_to_draw_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _renderer.Render(new ChartRequest("Empty", "%", ["2024"], [new ChartSeries("A", [null])], "Source: none")));
    }
}
