using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Tests.Knowledge;

/// <summary>A hurried question misspells the month it asks about; the year after the word says it is a date.</summary>
public sealed class MonthSpellingTests
{
    [Theory]
    [InlineData("gadget imprts agust 2013", "gadget imprts August 2013")]
    [InlineData("new gadget lending januray 2016", "new gadget lending January 2016")]
    [InlineData("gear output marh 2021?", "gear output March 2021?")]
    [InlineData("gear output in Febuary, 2019", "gear output in February, 2019")]
    [InlineData("wheel sales septmber 2020 and novembr 2020", "wheel sales September 2020 and November 2020")]
    public void A_misspelt_month_before_a_year_is_read_as_the_month(string question, string expected) =>
        Assert.Equal(expected, MonthSpelling.Fix(question));

    [Theory]
    [InlineData("gadget output in March 2021")]
    [InlineData("gadget output in Sept 2021")]
    [InlineData("Gearco's junk 2020 bonds")]
    [InlineData("the Mayor 2020 plan")]
    [InlineData("agust gadget sales")]
    public void Month_names_other_words_and_a_word_without_a_year_are_left_alone(string question) =>
        Assert.Equal(question, MonthSpelling.Fix(question));

    [Fact]
    public void The_question_analysis_asks_for_the_month_it_means()
    {
        var analysis = QuestionAnalysis.Analyze("gadget imprts agust 2013", [], BilingualGlossary.Empty);

        Assert.Equal(Period.ForMonth(2013, 8), analysis.Period);
        Assert.DoesNotContain("agust", analysis.Terms.Keys);
    }
}
