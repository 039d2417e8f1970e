using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Indicators.Charts;

namespace ChatAnalyst.Tests.Indicators.Charts;

public sealed class IndicatorChartPlannerTests
{
    [Fact]
    public void Two_indicators_in_different_units_get_a_panel_each()
    {
        var plan = IndicatorChartPlanner.Plan([With(Series("a-level", "Alpha revenue", "trillion yuan", "level"), ("2024", 12.3m)), With(Series("b-growth", "Beta revenue growth", "%", "yoy_growth"), ("2024", 10.1m))]);

        Assert.Equal(2, plan.Panels.Count);
        Assert.Equal(["trillion yuan", "% (year-on-year change)"], plan.Panels.Select(p => p.AxisLabel));
        Assert.All(plan.Panels, p => Assert.Single(p.Series));
    }

    [Fact]
    public void A_growth_rate_and_a_share_both_in_percent_are_never_on_one_axis()
    {
        var plan = IndicatorChartPlanner.Plan([
            With(Series("a-growth", "Alpha value added growth", "%", "yoy_growth"), ("2024", 8.9m), ("2025-01..11", 9.2m)),
            With(Series("a-share", "Alpha share of total value added", "%", "share"), ("2024", 16.3m))]);

        Assert.Equal(2, plan.Panels.Count);
        Assert.Equal(["Alpha value added growth"], plan.Panels[0].Series.Select(s => s.Name));
        Assert.Equal(["Alpha share of total value added"], plan.Panels[1].Series.Select(s => s.Name));
    }

    [Fact]
    public void Indicators_of_one_unit_and_measure_share_a_panel_titled_by_what_their_names_share()
    {
        var plan = IndicatorChartPlanner.Plan([
            With(Series("a-growth", "Alpha manufacturing value added growth", "%", "yoy_growth"), ("2024", 8.9m), ("2025-01..11", 9.2m)),
            With(Series("b-growth", "Beta manufacturing value added growth", "%", "yoy_growth"), ("2024", 7.7m), ("2025-01..11", 9.3m))]);

        var panel = Assert.Single(plan.Panels);
        Assert.Equal(2, panel.Series.Count);
        Assert.Equal("Alpha and beta manufacturing value added growth", panel.Title);
        Assert.Equal("Alpha and beta manufacturing value added growth, 2024 and January–November 2025", plan.Title);
    }

    [Fact]
    public void Units_and_measures_beyond_four_panels_are_left_out_and_named()
    {
        var units = new[] { "%", "units", "billion yuan", "million kW", "rank" };
        var plan = IndicatorChartPlanner.Plan(units.Select((u, i) => With(Series($"s{i}", $"Series {i}", u, "level"), ("2024", i + 1m))).ToList());

        Assert.Equal(ChartRequest.MaxPanels, plan.Panels.Count);
        Assert.Equal("s4", Assert.Single(plan.LeftOut).Id);
    }

    [Fact]
    public void A_qualified_figure_keeps_its_qualifier_as_its_label()
    {
        var alpha = Series("a", "Alpha", "trillion yuan", "level");
        var plan = IndicatorChartPlanner.Plan([(alpha, [Observation(alpha, "2025", 1m, "over")])]);

        Assert.Equal("over 1", plan.Panels[0].Series[0].Points[0].Label);
    }

    private static IndicatorSeries Series(string id, string name, string unit, string measure) =>
        new(id, name, null, [], "test", "Testland", unit, measure, "annual");

    private static (IndicatorSeries, IReadOnlyList<Observation>) With(IndicatorSeries series, params (string Period, decimal Value)[] figures) =>
        (series, figures.Select(f => Observation(series, f.Period, f.Value, null)).ToList());

    private static Observation Observation(IndicatorSeries series, string period, decimal value, string? qualifier) =>
        new(series.Id, ChatAnalyst.Knowledge.Indicators.Period.Parse(period), value, qualifier, "actual", null, new IndicatorSource("a.md", "A", "https://example.org/a", "Publisher", null), null);
}
