using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;
using ChatAnalyst.Orchestration.Reading;

namespace ChatAnalyst.Tests.Reading;

/// <summary>
/// A change of one thing between two times ("from June to July", "than in 2016", "from the previous month"): the figure
/// a sentence sets against the earlier time asked, the figure it is set against, and the gap the guard recomputes.
/// </summary>
public sealed class ComparisonTimesTests
{
    private static readonly SourceInfo Wire = new("wire.md", "Gadget prices in November", "https://news.example.test/wire", "Example Wire", new DateOnly(2018, 12, 9));

    private static List<ReaderCandidate> Candidates(params string[] sentences) =>
        sentences.Select((s, i) => new ReaderCandidate(s, new EvidenceItem(EvidenceKind.Passage, Wire, s) { Ref = 1 }, i > 0 ? sentences[i - 1] : string.Empty, 0.5, i, i)).ToList();

    private static string? Change(string question, params string[] sentences) =>
        ComparisonWriter.Change(QuestionAnalysis.Analyze(question, [], BilingualGlossary.Empty), Candidates(sentences)[0], Candidates(sentences))?.Text;

    [Theory]
    [InlineData("In November 2018, how much did gadget price growth slow from October?", "Gadget prices gained 2.1 percent year on year in November, slower than 2.4 percent in the previous month.", "It was lower: 2.1 percent against 2.4 percent", "a difference of 0.3 percentage points")]
    [InlineData("By how many points did the gear index rise from June to July 2013?", "The gear index was 54.1 percent in July, up from 53.9 percent in June.", "It was higher: 54.1 percent against 53.9 percent", "a difference of 0.2 percentage points")]
    [InlineData("By how many points did the gear index rise from June to July 2013?", "The gear index rose from 53.9 percent in June to 54.1 percent in July.", "It was higher: 54.1 percent against 53.9 percent", "a difference of 0.2 percentage points")]
    [InlineData("How many more wheels did Gearco ship in 2017 than in 2016?", "Gearco shipped 52.83 million wheels in 2017, up from 34.54 million wheels in 2016.", "It was higher: 52.83 million wheels against 34.54 million wheels", "a difference of 18.29 million wheels")]
    [InlineData("By how many points did the gear index fall from December 2012 to February 2013?", "The gear index put the February reading at 50.4 percent, lower than 51.3 percent in January and 53.8 percent in December.", "It was lower: 50.4 percent against 53.8 percent", "a difference of 3.4 percentage points")]
    public void A_change_between_two_times_sets_the_later_figure_against_the_earlier(string question, string sentence, string start, string gap)
    {
        var text = Change(question, sentence);

        Assert.NotNull(text);
        Assert.StartsWith(start, text, StringComparison.Ordinal);
        Assert.Contains(gap, text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_earlier_figure_is_the_one_for_the_time_asked_and_the_later_one_may_sit_in_the_sentence_before()
    {
        string[] sentences =
        [
            "Between January and July, gadget makers earned profits of 4.2 trillion yuan, 21.2% more than in the same period of 2016.",
            "The growth rate was slightly lower than the 22% recorded for January-June but far above the 8.5% increase of 2016.",
        ];

        var text = Change("How much faster did gadget profits grow in Jan-Jul 2017 than in the whole of 2016?", sentences[1..]);
        var withLead = ComparisonWriter.Change(QuestionAnalysis.Analyze("How much faster did gadget profits grow in Jan-Jul 2017 than in the whole of 2016?", [], BilingualGlossary.Empty), Candidates(sentences)[1], Candidates(sentences).Skip(1).ToList());

        Assert.Null(text);
        Assert.NotNull(withLead);
        Assert.StartsWith("It was higher: 21.2% against 8.5%", withLead.Value.Text, StringComparison.Ordinal);
        Assert.Equal("12.7", withLead.Value.Gap);
    }

    [Theory]
    [InlineData("How much faster did gear output grow than wheel output in 2019?")]
    [InlineData("How much did gear output grow in 2019?")]
    [InlineData("How much faster did gear output grow in 2019 than in 2018?")]
    public void No_change_is_worked_out_without_an_earlier_time_or_a_figure_set_against_it(string question)
    {
        // The sentence sets 8% against another thing, and against no time; the third question asks for 2018, which the
        // sentence's earlier figure is not for (it names 2017).
        Assert.Null(Change(question, "Gear output grew 9.5 percent in 2019, faster than 8 percent for wheel output in 2017."));
    }

    [Fact]
    public void An_amount_for_the_same_period_a_year_earlier_may_come_from_another_article()
    {
        var question = QuestionAnalysis.Analyze("How many more gears did Gearco make in September 2022 than in September 2021?", [], BilingualGlossary.Empty);
        var earlierWire = Wire with { DocumentId = "earlier.md", Published = new DateOnly(2021, 10, 18) };
        var laterWire = Wire with { DocumentId = "later.md", Published = new DateOnly(2022, 10, 17) };
        ReaderCandidate Sentence(SourceInfo source, int reference, string text) =>
            new(text, new EvidenceItem(EvidenceKind.Passage, source, text) { Ref = reference }, string.Empty, 0.5, 0, 0) { Periods = PeriodReader.Read(text, source.Published) };
        var lead = Sentence(laterWire, 1, "Gearco made 390 million gears last month, 12.3 percent more than a year earlier.");
        var earlier = Sentence(earlierWire, 2, "Gearco's output fell 0.9 percent year on year to 330 million gears last month.");
        var otherKind = Sentence(earlierWire, 2, "Gearco made 330 million wheels last month.");

        var change = ComparisonWriter.Change(question, lead, [lead, otherKind, earlier]);
        var noEarlier = ComparisonWriter.Change(question, lead, [lead, otherKind]);

        Assert.NotNull(change);
        Assert.Equal("It was higher: 390 million gears against 330 million gears for the earlier period, a difference of 60 million gears [1][2].", change.Value.Text);
        Assert.Null(noEarlier);
    }

    [Fact]
    public void A_figure_set_against_no_time_is_a_threshold_not_the_earlier_figure()
    {
        Assert.Null(Change("By how many points did the gear index rise from June to December 2019?", "The gear index was 53.8 percent in December, well above 50 percent."));
    }

    [Fact]
    public void The_earlier_time_is_read_from_the_question()
    {
        Assert.Equal(new ComparisonWriter.EarlierTime(null, 10, false), ComparisonWriter.EarlierTimeOf("In November 2018, how much did gadget growth slow from October?"));
        Assert.Equal(new ComparisonWriter.EarlierTime(2016, null, false), ComparisonWriter.EarlierTimeOf("How many points faster was gear growth in H1 2017 than in H1 2016?"));
        Assert.Equal(new ComparisonWriter.EarlierTime(null, null, true), ComparisonWriter.EarlierTimeOf("By how much did gadget growth slow in May from the previous three months?"));
        Assert.Equal(new ComparisonWriter.EarlierTime(2017, null, false), ComparisonWriter.EarlierTimeOf("By how many points did the gadget share in Q1 2018 exceed its 2017 level?"));
        Assert.Null(ComparisonWriter.EarlierTimeOf("How much faster did gear output grow than wheel output?"));
        Assert.Null(ComparisonWriter.EarlierTimeOf("What was gear output in June?"));
    }

    [Fact]
    public void The_guard_recomputes_the_change_and_rejects_a_wrong_one()
    {
        const string Sentence = "Gadget prices gained 2.1 percent year on year in November, slower than 2.4 percent in the previous month.";
        var ledger = new CitationLedger();
        ledger.Register(new ToolEvidence("search_articles", [new EvidenceItem(EvidenceKind.Passage, Wire, Sentence)]));
        var text = Change("In November 2018, how much did gadget price growth slow from October?", Sentence);
        var guard = new GroundingGuard();

        Assert.NotNull(text);
        Assert.True(guard.Check(text, ledger).IsGrounded);
        Assert.False(guard.Check(text.Replace("0.3", "0.4", StringComparison.Ordinal), ledger).IsGrounded);
    }
}
