using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;
using ChatAnalyst.Orchestration.Reading;

namespace ChatAnalyst.Tests.Reading;

/// <summary>
/// How a comparison question names its two sides in the ways analysts write them, and how the figures of each side are
/// read: a rise against a fall, what the question counts, a side the sentence spells out.
/// </summary>
public sealed class ComparisonSidesTests
{
    private static readonly SourceInfo Wire = new("wire.md", "Gadget trade in the first half", "https://news.example.test/wire", "Example Wire", new DateOnly(2019, 7, 14));

    private static List<ReaderCandidate> Candidates(params string[] sentences) =>
        sentences.Select((s, i) => new ReaderCandidate(s, new EvidenceItem(EvidenceKind.Passage, Wire, s) { Ref = 1 }, string.Empty, 0.5, i, i)).ToList();

    private static string? Compare(string question, params string[] sentences) =>
        ComparisonWriter.Compare(QuestionAnalysis.Analyze(question, [], BilingualGlossary.Empty), Candidates(sentences));

    /// <summary>As <see cref="Compare"/>, with the one sentence dated to <paramref name="year"/> as the candidate builder dates it.</summary>
    private static string? CompareIn(int year, string question, string sentence) =>
        ComparisonWriter.Compare(
            QuestionAnalysis.Analyze(question, [], BilingualGlossary.Empty),
            Candidates(sentence).Select(c => c with { Periods = [Period.ForYear(year)] }).ToList());

    [Theory]
    [InlineData("In October 2019, which was higher, the gear or the wheel business activity index?", "58.5% against 53.5%")]
    [InlineData("In October 2019, which was higher, the gear or the wheel business activity index, and by how much?", null)]
    public void Points_that_set_a_figure_against_another_time_are_no_side_of_a_comparison(string asked, string? expected)
    {
        var question = QuestionAnalysis.Analyze(asked, [], BilingualGlossary.Empty);
        var candidates = Candidates(
            "By industry, the business activity index of the wheel industry was 53.5%, down 0.9 percentage point from the previous month.",
            "The gear business activity index was 58.5%, 2.6 percentage points lower than the previous month.");

        // "How much" asks for amounts: with only rates on either side, no comparison is worked out rather than one of the points.
        var answer = ComparisonWriter.Compare(question, candidates.Select(c => c with { Periods = [Period.ForMonth(2019, 10)] }).ToList());

        Assert.DoesNotContain("2.6", answer ?? string.Empty, StringComparison.Ordinal);
        if (expected is null)
        {
            Assert.Null(answer);
        }
        else
        {
            Assert.Contains(expected, answer, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("H1 2019: gadget sales to Ruritania vs Freedonia — which was larger and by how much?", "gadget sales to Ruritania", "Freedonia")]
    [InlineData("Gear sales vs wheel sales in H1 2019: how many more gears?", "Gear sales", "wheel sales")]
    [InlineData("September 2019: how many percentage points apart were gadget inflation and the gear price change?", "gadget inflation", "gear price change")]
    [InlineData("How close were Gearco and Wheelco at the fair in 2019?", "Gearco", "Wheelco at the fair")]
    [InlineData("How did gadget growth in the eastern region compare with the western region?", "gadget growth in the eastern region", "western region")]
    [InlineData("By how much did Gearco's 2019 revenue exceed that of Wheelco?", "Gearco's 2019 revenue", "that of Wheelco")]
    [InlineData("In H1 2019, did Gearco ship more gears or more wheels, and by how much?", "gears", "wheels")]
    [InlineData("H1 2019: was gadget trade with Ruritania or with Freedonia bigger?", "gadget trade with Ruritania", "Freedonia")]
    [InlineData("Did gears or wheels add more capacity in 2019?", "gears", "wheels")]
    [InlineData("Gear output vs wheel output during the spring rush: which rose more?", "Gear output", "wheel output")]
    [InlineData("Nov 2019: how many points faster did gear output grow than wheel output?", "gear output", "wheel output")]
    [InlineData("How many percentage points higher was gadget growth than gear growth in 2019?", "gadget growth", "gear growth")]
    [InlineData("How many kilometres longer was the Ruritania gear line than Freedonia's?", "Ruritania gear line", "Freedonia's")]
    [InlineData("Q1 2019: how many more tonnes of gadgets did Gearco sell to Ruritania than to Freedonia?", "Ruritania", "Freedonia")]
    [InlineData("In 2011, how much more gear oil than wheel grease did Gearco produce?", "gear oil", "wheel grease")]
    [InlineData("How many more gadgets were sold in 2010 than in 2009?", "2010", "2009")]
    [InlineData("By how many points did gadget output growth in 2007 exceed 2006's?", "2007", "2006")]
    [InlineData("Jan-Sep 2019: by how much did gear imports exceed gear exports?", "gear imports", "gear exports")]
    public void The_sides_are_read_from_the_ways_analysts_ask(string question, string left, string right)
    {
        var sides = ComparisonWriter.Sides(question);

        Assert.NotNull(sides);
        Assert.Equal(left, sides.Value.Left);
        Assert.Equal(right, sides.Value.Right);
    }

    [Theory]
    [InlineData("How did gadget sales compare with a year earlier?")]
    [InlineData("How does gadget density compare with Ruritania and Freedonia averages?")]
    [InlineData("In which month did gadgets first make up more than half of new sales?")]
    [InlineData("Did gadget sales grow more than 5% in 2019?")]
    public void A_side_that_is_only_another_time_or_several_things_is_no_pair(string question) =>
        Assert.Null(ComparisonWriter.Sides(question));

    [Fact]
    public void A_share_written_after_a_change_is_not_a_second_change()
    {
        // "a 9.5 percent share" follows a rise with only a comma between them, as a second rate in a list would; it is
        // a proportion, so the wheel side has no change to compare and no gap is claimed from it.
        var text = Compare(
            "In 2019, how many points faster did gear exports grow than wheel trade?",
            "Gear exports climbed 20.7 percent in 2019.",
            "Wheel trade came to 13 billion, up 17.9 percent, giving wheels a 9.5 percent share of all trade.");

        Assert.NotNull(text);
        Assert.Contains("20.7 percent against 17.9 percent", text, StringComparison.Ordinal);
        Assert.Contains("2.8 percentage points", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rise_beats_a_fall_and_the_gap_spans_both()
    {
        var text = Compare(
            "September 2019: how many percentage points apart were gadget inflation and the gear price change?",
            "The gadget price index rose 1.7 percent year-on-year in September.",
            "The gear price index dropped 2.1 percent year-on-year in September, the bureau said.");

        Assert.NotNull(text);
        Assert.StartsWith("The larger figure is for gadget inflation: 1.7 percent against a fall of 2.1 percent for gear price change", text, StringComparison.Ordinal);
        Assert.Contains("a gap of 3.8 percentage points", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_falls_compare_by_size()
    {
        var text = Compare("Which fell more in 2019, gear output or wheel output?", "Gear output fell 3.2 percent, while wheel output dropped 5.4 percent.");

        Assert.NotNull(text);
        Assert.StartsWith("The larger figure is for wheel output: 5.4 percent against 3.2 percent", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_level_reached_by_falling_is_no_fall()
    {
        var text = Compare("Which grew faster in 2019, gear output or wheel output?", "Gear output growth fell to 3.2 percent, while wheel output rose 2.4 percent.");

        Assert.NotNull(text);
        Assert.Contains("3.2 percent against 2.4 percent", text, StringComparison.Ordinal);
        Assert.DoesNotContain("a fall of", text, StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_question_counts_picks_the_figures()
    {
        var text = Compare(
            "Gearport vs Wheelport during the fair: which handled more visitors and by how much?",
            "Wheelport handled more than 83,700 stalls and a record 12.61 million visitors.",
            "Gearport handled around 67,000 stalls carrying 10.98 million visitors during the fair.");

        Assert.NotNull(text);
        Assert.StartsWith("The larger figure is for Wheelport: 12.61 million", text, StringComparison.Ordinal);
        Assert.Contains("a gap of 1.63 million", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_of_figures_with_thousands_separators_keeps_them_and_the_guard_recomputes_it()
    {
        var text = Compare("Which handled more stalls, Gearport or Wheelport?", "Wheelport handled 83,700 stalls, and Gearport 67,000 stalls.");

        Assert.NotNull(text);
        Assert.Contains("a gap of 16,700 stalls", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A year dates both figures in the lead only when it is written for both: 2005 in "which had … in 2005" is the
    /// Ruritania figure's alone (Freedonia's is for "now"), while "In 2019" heads both.
    /// </summary>
    [Theory]
    [InlineData(2005, "How many kilometres longer was the Ruritania gear line in 2005 than Freedonia's?", "Freedonia now has 45,400 kilometers of gear line, second behind Ruritania, which had 90,000 kilometers in 2005.", "90,000 kilometers against 45,400 kilometers for Freedonia's, a gap of 44,600")]
    [InlineData(2019, "Which handled more stalls in 2019, Gearport or Wheelport?", "In 2019 Wheelport handled 83,700 stalls, and Gearport 67,000 stalls, which was a record.", "67,000 stalls for Gearport in 2019, a gap of 16,700 stalls")]
    public void A_year_dates_only_the_figures_it_is_written_for(int year, string question, string sentence, string expected)
    {
        var text = CompareIn(year, question, sentence);

        Assert.NotNull(text);
        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_side_the_sentence_spells_out_is_found_there()
    {
        var text = Compare(
            "H1 2019: gadget exports to the GU vs the RF — which was larger and by how much?",
            "Gadget exports to its two biggest partners, the Gear Union and the Republic of Freedonia, reached $164.48 billion and $145.51 billion respectively.");

        Assert.NotNull(text);
        Assert.StartsWith("The larger figure is for gadget exports to the GU: $164.48 billion against $145.51 billion", text, StringComparison.Ordinal);
        Assert.Contains("a gap of 18.97 billion", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_side_named_by_a_short_stem_is_still_found()
    {
        var text = Compare(
            "In Q1 2019, which grew faster, mining or gear investment, and by how much?",
            "Investment in the mining sector rose 20.8 percent year on year in the first three months and in the gear sector 29.8 percent, respectively 5.0 percentage points faster and 7.5 percentage points slower than in the first two months.");

        Assert.NotNull(text);
        Assert.StartsWith("The larger figure is for gear investment: 29.8 percent against 20.8 percent", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_between_two_amounts_is_worked_out_from_one_sentence()
    {
        var text = Compare(
            "Jan-Apr 2019: gap between gadget imports and gadget exports?",
            "Imports of gadgets increased 9.2 percent to 12.68 million tons, while gadget exports totaled 4.84 million tons, a drop of 7.8 percent.");

        Assert.NotNull(text);
        Assert.Contains("12.68 million tons against 4.84 million tons", text, StringComparison.Ordinal);
        Assert.Contains("a gap of 7.84 million tons", text, StringComparison.Ordinal);
    }
}
