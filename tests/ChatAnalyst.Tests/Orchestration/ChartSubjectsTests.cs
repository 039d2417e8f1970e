using ChatAnalyst.Orchestration.Offline;

namespace ChatAnalyst.Tests.Orchestration;

public sealed class ChartSubjectsTests
{
    [Theory]
    [InlineData("Chart high-tech manufacturing and equipment manufacturing growth", "high-tech manufacturing growth|equipment manufacturing growth")]
    [InlineData("Plot solar and wind capacity in 2024", "solar capacity|wind capacity")]
    [InlineData("Show me a chart of R&D expenditure vs R&D intensity from 2020 to 2024?", "R&D expenditure|R&D intensity")]
    [InlineData("chart software revenue, cloud revenue and software exports", "software revenue|cloud revenue|software exports")]
    [InlineData("画出高技术制造业和装备制造业增加值增速", "高技术制造业|装备制造业增加值增速")]
    public void A_request_naming_several_indicators_gives_one_search_text_each(string question, string expected)
    {
        Assert.Equal(expected.Split('|'), ChartSubjects.Of(question));
    }

    [Theory]
    [InlineData("Chart R&D expenditure")]
    [InlineData("Chart industrial value added growth in 2023 and 2024")]
    public void A_request_naming_one_indicator_gives_none(string question)
    {
        Assert.Empty(ChartSubjects.Of(question));
    }
}
