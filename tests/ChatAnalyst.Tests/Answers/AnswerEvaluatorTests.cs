using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evaluation;
using ChatAnalyst.Orchestration.Evidence;

namespace ChatAnalyst.Tests.Answers;

public sealed class AnswerEvaluatorTests
{
    [Fact]
    public void Only_the_first_two_sentences_are_scored()
    {
        var lead = AnswerEvaluator.Lead("Output rose 9.2% in 2025 [1]. It was 8.9% in 2024 [1]. The target is 10% [2].");

        Assert.Equal("Output rose 9.2% in 2025 [1]. It was 8.9% in 2024 [1].", lead);
    }

    [Fact]
    public void A_case_is_answered_by_text_holding_one_accepted_form_from_a_cited_article()
    {
        var @case = new AnswerCase { Id = "t1", Question = "q", Accept = [["4.1", "rural"], ["0.5 points"]], MustCite = ["a.md"] };

        Assert.True(@case.IsAnsweredBy("Rural sales grew 4.1 percent.", "a.md"));
        Assert.False(@case.IsAnsweredBy("Rural sales grew 4.1 percent.", "b.md"));
        Assert.False(@case.IsAnsweredBy("Sales grew 4.1 percent.", "a.md"));
    }

    [Fact]
    public void Evidence_holds_an_answer_spread_over_sentences_of_one_cited_article()
    {
        var @case = new AnswerCase { Id = "t2", Question = "q", Type = "list", Accept = [["48.18", "113.05"]], MustCite = ["a.md"] };

        Assert.True(@case.IsHeldBy([("Completions reached 48.18 million tonnes.", "a.md"), ("New orders were 113.05 million tonnes.", "a.md")]));
        // The parts must come from one cited article, not one from each.
        Assert.False(@case.IsHeldBy([("Completions reached 48.18 million tonnes.", "a.md"), ("New orders were 113.05 million tonnes.", "b.md")]));
        Assert.False(@case.IsHeldBy([("Completions reached 48.18 million tonnes.", "a.md")]));
    }

    [Fact]
    public void A_comparisons_gap_is_held_when_two_figures_of_the_article_differ_by_it()
    {
        var comparison = new AnswerCase { Id = "t3", Question = "q", Type = "comparison", Accept = [["first", "542"]], MustCite = ["a.md"] };
        var evidence = new[] { ("The first had 1,012 units.", "a.md"), ("The second had 470 units.", "a.md") };

        Assert.True(comparison.IsHeldBy(evidence));
        Assert.False((comparison with { Accept = [["first", "541"]] }).IsHeldBy(evidence));
        // Only a comparison works a gap out; a figure question must find its number stated.
        Assert.False((comparison with { Type = "figure" }).IsHeldBy(evidence));
    }

    [Fact]
    public void A_year_the_cited_articles_date_gives_is_supported_and_another_year_is_not()
    {
        var citation = new Citation(1, "a.md", "Sales up in the first 11 months", "https://example.test/a", "Wire", new DateOnly(2011, 12, 9), "Catering took in 186.5 billion yuan in November.");
        AnalystAnswer Answer(string text) => new(text, [citation], []);

        Assert.Empty(AnswerEvaluator.UnsupportedNumbers(Answer("2011年11月餐饮收入：1865亿元[1]。")));
        Assert.Equal(["2012"], AnswerEvaluator.UnsupportedNumbers(Answer("2012年11月餐饮收入：1865亿元[1]。")));
        Assert.Equal(["190"], AnswerEvaluator.UnsupportedNumbers(Answer("Catering took in 190 billion yuan [1].")).Select(n => n.Split(' ')[0]));
    }

    [Fact]
    public void The_year_before_an_article_is_supported_by_a_later_month_and_an_undated_article_by_its_link()
    {
        var january = new Citation(1, "a.md", "Reserves at a high", "https://example.test/a", "Wire", new DateOnly(2020, 1, 7), "Reserves were 3.11 trillion at the end of December.");
        var undated = new Citation(1, "b.md", "Trips rebound", "https://example.test/n/2024/0713/b.html", "Wire", null, "Trips came to 350 million in the first half of this year.");

        Assert.Empty(AnswerEvaluator.UnsupportedNumbers(new AnalystAnswer("2019年12月末：3.11万亿[1]。", [january], [])));
        Assert.Equal(["2018"], AnswerEvaluator.UnsupportedNumbers(new AnalystAnswer("2018年12月末：3.11万亿[1]。", [january], [])));
        Assert.Empty(AnswerEvaluator.UnsupportedNumbers(new AnalystAnswer("2024年上半年：3.5亿[1]。", [undated], [])));
        Assert.Equal(["2023"], AnswerEvaluator.UnsupportedNumbers(new AnalystAnswer("2023年上半年：3.5亿[1]。", [undated], [])));
    }

    [Fact]
    public void A_gap_between_a_rise_and_a_fall_and_a_grouped_gap_are_worked_out()
    {
        var citation = new Citation(1, "a.md", "Prices", "https://example.test/a", "Wire", new DateOnly(2020, 10, 15), "Gadget prices rose 1.7 percent while gear prices dropped 2.1 percent; Gearport had 83,700 stalls and Wheelport 67,000.");

        Assert.Empty(AnswerEvaluator.UnsupportedNumbers(new AnalystAnswer("Gadgets are higher: a gap of 3.8 percentage points [1].", [citation], [])));
        Assert.Empty(AnswerEvaluator.UnsupportedNumbers(new AnalystAnswer("Gearport had more: a gap of 16,700 stalls [1].", [citation], [])));
        Assert.Equal(["3.9"], AnswerEvaluator.UnsupportedNumbers(new AnalystAnswer("A gap of 3.9 percentage points [1].", [citation], [])).Select(n => n.Split(' ')[0]));
    }
}
