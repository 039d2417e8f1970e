using ChatAnalyst.Orchestration.Evaluation;

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
}
