using ChatAnalyst.Knowledge.Indicators;

namespace ChatAnalyst.Tests.Indicators;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2024", PeriodKind.Year, "2024")]
    [InlineData("2024Q4", PeriodKind.Quarter, "Q4 2024")]
    [InlineData("2024-12", PeriodKind.Month, "December 2024")]
    [InlineData("2025-01..11", PeriodKind.YearToDate, "January–November 2025")]
    public void Parses_each_form_and_labels_it_for_humans(string text, PeriodKind kind, string label)
    {
        var period = Period.Parse(text);

        Assert.Equal(kind, period.Kind);
        Assert.Equal(label, period.Label);
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData("2024Q5", "quarter must be 1–4")]
    [InlineData("2024-13", "month must be 01–12")]
    [InlineData("2025-03..11", "start in January")]
    [InlineData("24", "not a period")]
    [InlineData("", "empty")]
    [InlineData("Dec 2024", "not a period")]
    public void Rejects_malformed_periods_with_a_reason(string text, string reason)
    {
        Assert.False(Period.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => Period.Parse(text));
        Assert.Contains(reason, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void January_to_November_is_never_a_full_year()
    {
        var janNov = Period.Parse("2025-01..11");

        Assert.False(janNov.IsFullYear);
        Assert.True(janNov.IsPartialYearCumulative);
        Assert.NotEqual(Period.ForYear(2025), janNov);
        Assert.DoesNotContain("2025", janNov.Label.Split(' ')[0], StringComparison.Ordinal);
        Assert.True(Period.Parse("2025").IsFullYear);
    }

    [Fact]
    public void Orders_chronologically_with_shorter_spans_first_when_they_end_together()
    {
        var periods = new[] { "2025", "2024", "2024Q4", "2025-01..11", "2024-12", "2023", "2025Q1" }.Select(Period.Parse).ToList();

        var ordered = periods.Order().Select(p => p.ToString()).ToArray();

        Assert.Equal(["2023", "2024-12", "2024Q4", "2024", "2025Q1", "2025-01..11", "2025"], ordered);
        Assert.True(Period.Parse("2024") < Period.Parse("2025-01..11"));
    }

    [Theory]
    [InlineData("January to November 2025", "2025-01..11")]
    [InlineData("Jan-Nov 2024", "2024-01..11")]
    [InlineData("jan nov 2024", "2024-01..11")]
    [InlineData("the first eleven months of 2024", "2024-01..11")]
    [InlineData("first half of 2025", "2025-01..06")]
    [InlineData("Q4 2024", "2024Q4")]
    [InlineData("the third quarter of 2025", "2025Q3")]
    [InlineData("December 2024", "2024-12")]
    [InlineData("by mid-2025", "2025-06")]
    [InlineData("2025年1-11月", "2025-01..11")]
    [InlineData("2024-01..11", "2024-01..11")]
    [InlineData("in January and February 2017", "2017-01..02")]
    public void Reads_a_period_phrase(string phrase, string expected)
    {
        Assert.True(PeriodPhraseParser.TryParse(phrase, out var period));
        Assert.Equal(expected, period.ToString());
    }

    [Theory]
    [InlineData("published on January 21, 2025")]
    [InlineData("the 2021-2025 plan period")]
    [InlineData("since 2015")]
    [InlineData("Made in China 2025")]
    public void Dates_ranges_and_names_are_not_periods(string text)
    {
        Assert.Empty(PeriodPhraseParser.FindAll(text));
    }

    [Fact]
    public void Periods_covering_the_same_months_are_the_same_months_whatever_their_shape()
    {
        Assert.True(Period.SameMonths.Equals(Period.ForQuarter(2018, 1), Period.ForYearToDate(2018, 3)));
        Assert.True(Period.SameMonths.Equals(Period.ForYear(2024), Period.ForYearToDate(2024, 12)));
        Assert.False(Period.SameMonths.Equals(Period.ForQuarter(2018, 1), Period.ForYearToDate(2018, 2)));
        Assert.False(Period.SameMonths.Equals(Period.ForQuarter(2018, 1), Period.ForQuarter(2019, 1)));
        Assert.Contains(Period.ForYearToDate(2018, 3), new[] { Period.ForQuarter(2018, 1) }.ToHashSet(Period.SameMonths));
        Assert.NotEqual(Period.ForQuarter(2018, 1), Period.ForYearToDate(2018, 3));
    }
}
