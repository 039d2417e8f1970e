using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Indicators.Charts;

namespace ChatAnalyst.Tests.Indicators.Charts;

public sealed class PeriodAxisTests
{
    [Fact]
    public void Full_years_and_january_to_month_totals_fall_in_separate_groups_in_the_order_they_end()
    {
        var axis = PeriodAxis.For([Series(("2025-01..11", 9.2), ("2024", 8.9), ("2023", 4.6))]);

        Assert.Equal([["2023", "2024"], ["2025-01..11"]], axis.Groups.Select(g => g.Select(p => p.ToString()).ToArray()));
        Assert.False(axis.IsBars);
    }

    [Fact]
    public void Totals_to_different_months_are_not_alike_but_a_total_to_december_is_a_year()
    {
        Assert.False(PeriodAxis.AreAlike(Period.Parse("2025-01..06"), Period.Parse("2025-01..11")));
        Assert.True(PeriodAxis.AreAlike(Period.Parse("2024-01..12"), Period.Parse("2023")));
        Assert.False(PeriodAxis.AreAlike(Period.Parse("2024Q4"), Period.Parse("2024-12")));
    }

    [Fact]
    public void Periods_ending_together_go_from_the_longest_to_the_shortest()
    {
        var axis = PeriodAxis.For([Series(("2024-12", 6.2), ("2024Q4", 5.7), ("2024", 5.8), ("2023", 4.6))]);

        Assert.Equal(["2023", "2024", "2024Q4", "2024-12"], axis.Categories.Select(p => p.ToString()));
    }

    [Fact]
    public void One_period_of_each_kind_is_drawn_as_bars()
    {
        var axis = PeriodAxis.For([Series(("2024", 8.9), ("2025-01..11", 9.2)), Series(("2024", 7.7), ("2025-01..11", 9.3))]);

        Assert.True(axis.IsBars);
        Assert.Equal(2, axis.Categories.Count);
    }

    [Fact]
    public void A_run_stops_at_a_missing_period_and_at_the_end_of_its_group()
    {
        var axis = PeriodAxis.For([Series(("2021", 1), ("2022", 2), ("2023", 3), ("2024", 4), ("2025-01..11", 5))]);
        var gappy = Series(("2021", 1), ("2023", 3), ("2024", 4), ("2025-01..11", 5));

        var runs = axis.Runs(gappy).Select(r => string.Join(",", r.Select(p => p.Period.ToString()))).ToList();

        Assert.Equal(["2021", "2023,2024", "2025-01..11"], runs);
    }

    private static ChartSeries Series(params (string Period, double Value)[] points) =>
        new("Series", points.Select(p => new ChartPoint(Period.Parse(p.Period), p.Value)).ToList());
}
