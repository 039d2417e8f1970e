using ChatAnalyst.Orchestration.Evaluation;
using ChatAnalyst.Tests.Knowledge;
using ChatAnalyst.Tests.Orchestration;

namespace ChatAnalyst.Tests.Answers;

/// <summary>Context recall reads the evidence the turn's tools returned, cited or not, whichever model answered.</summary>
/// <remarks>The real MiniLM model: with random vectors the reader's closeness features are noise and it may decline.</remarks>
[Collection(MiniLmCollectionDefinition.Name)]
public sealed class ContextRecallTests(MiniLmFixture miniLm, KnowledgeDatabaseFixture database) : IClassFixture<KnowledgeDatabaseFixture>
{
    private const string Question = "How many 5G base stations did China have by the end of 2024?";

    [Fact]
    public async Task An_answer_carries_every_evidence_item_of_its_turn_not_only_the_cited_ones()
    {
        await using var host = await StartAsync();

        var answer = await host.Orchestrator.AnswerAsync([], Question);

        Assert.NotEmpty(answer.Citations);
        Assert.True(answer.Evidence.Count > answer.Citations.Count, $"{answer.Evidence.Count} evidence items, {answer.Citations.Count} citations");
        Assert.All(answer.Citations, c => Assert.Contains(answer.Evidence, e => e.Source.DocumentId == c.DocumentId));
    }

    [Fact]
    public async Task A_case_whose_evidence_holds_no_accepted_form_is_a_context_miss()
    {
        await using var host = await StartAsync();
        AnswerCase[] cases =
        [
            new() { Id = "held", Question = Question, Accept = [["4.25 million"]] },
            new() { Id = "missing", Question = Question, Accept = [["no article says this"]] },
        ];

        var report = await new AnswerEvaluator(host.Orchestrator).EvaluateAsync(cases);

        Assert.Equal(0.5, report.ContextRecall);
        var miss = Assert.Single(report.ContextMisses);
        Assert.Equal("missing", miss.Id);
        Assert.True(miss.EvidenceItems > 0);
        // Without the reader's traces there is no sentence-level figure, but context recall is still measured.
        Assert.Null(report.SentenceRecall);
    }

    private Task<AnalystTestHost> StartAsync() => AnalystTestHost.StartAsync(miniLm.Generator, new Dictionary<string, string?>
    {
        ["ChatAnalyst:Knowledge:Database"] = database.Database,
    });
}
