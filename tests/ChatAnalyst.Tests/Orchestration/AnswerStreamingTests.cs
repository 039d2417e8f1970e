using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Tests.Knowledge;

namespace ChatAnalyst.Tests.Orchestration;

/// <summary>
/// <see cref="AnswerOrchestrator.StreamAsync"/>: tool rounds whole, the final answer as server-sent events, drafts
/// that are only ever replaced by the one verified final answer.
/// </summary>
[Collection(MiniLmCollectionDefinition.Name)]
public sealed class AnswerStreamingTests(MiniLmFixture miniLm, KnowledgeDatabaseFixture database)
    : FakeModelTests(miniLm, database), IClassFixture<KnowledgeDatabaseFixture>
{
    [Fact]
    public async Task Final_answer_streams_as_drafts_then_one_verified_answer()
    {
        Server.Enqueue(FakeOpenAiReply.Tools((Search, new { query = "5G base stations" })), FakeOpenAiReply.Text(Grounded));
        await using var host = await StartHostAsync();

        var updates = await CollectAsync(host.Orchestrator.StreamAsync([], Question));

        var drafts = updates.Where(u => u.Kind == AnswerUpdateKind.Draft).ToList();
        Assert.True(drafts.Count > 5, $"{drafts.Count} drafts");
        Assert.Equal(Grounded, string.Concat(drafts.Select(d => d.Text)));
        Assert.Equal(AnswerUpdateKind.Final, updates[^1].Kind);
        Assert.Single(updates, u => u.Kind == AnswerUpdateKind.Final);
        Assert.DoesNotContain(updates, u => u.Kind == AnswerUpdateKind.DraftDiscarded);

        var answer = updates[^1].Answer!;
        Assert.Equal(AnswerKind.Answer, answer.Kind);
        Assert.Equal("01-china-5g-base-stations-2024.md", Assert.Single(answer.Citations).DocumentId);

        var requests = Server.Requests;
        Assert.False(requests[0].Stream);
        Assert.True(requests[1].Stream);
        Assert.Equal(2, answer.ModelRoundTrips);
        Assert.Equal(requests.Sum(r => r.EstimatedPromptTokens), answer.PromptTokens);
    }

    [Fact]
    public async Task A_rejected_streamed_answer_is_discarded_and_replaced_by_the_fallback()
    {
        Server.Enqueue(
            FakeOpenAiReply.Tools((Search, new { query = "5G base stations" })),
            FakeOpenAiReply.Text("China's 5G base stations grew 12.7% [1]."),
            FakeOpenAiReply.Text("They grew 12.7% [1]."));
        await using var host = await StartHostAsync();

        var updates = await CollectAsync(host.Orchestrator.StreamAsync([], Question));

        Assert.Equal(
            [AnswerUpdateKind.Draft, AnswerUpdateKind.DraftDiscarded, AnswerUpdateKind.Draft, AnswerUpdateKind.DraftDiscarded, AnswerUpdateKind.Final],
            Collapse(updates));
        var answer = updates[^1].Answer!;
        Assert.Equal(AnswerKind.Fallback, answer.Kind);
        Assert.Contains("4.25 million", answer.Text, StringComparison.Ordinal);
        Assert.True(Server.Requests[2].Stream);
    }

    [Fact]
    public async Task A_stream_that_stalls_after_its_first_words_falls_back_to_the_offline_answer()
    {
        Server.Enqueue(
            FakeOpenAiReply.Tools((Search, new { query = "5G base stations" })),
            FakeOpenAiReply.Text(Grounded) with { ChunkDelay = TimeSpan.FromSeconds(3) });
        await using var host = await StartHostAsync(false, ("TimeoutSeconds", "1"));

        var updates = await CollectAsync(host.Orchestrator.StreamAsync([], Question));

        Assert.Equal(AnswerUpdateKind.Final, updates[^1].Kind);
        Assert.Equal(AnswerKind.Fallback, updates[^1].Answer!.Kind);
        Assert.Contains("4.25 million", updates[^1].Answer!.Text, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Messages, m => m.Contains("stream stalled", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("How many 5G base stations does China have?")]
    [InlineData("What was China's high-tech manufacturing value added growth in 2024?")]
    [InlineData("中国人工智能核心产业规模有多大？")]
    public async Task Offline_stream_ends_with_the_same_answer_as_the_unstreamed_call(string question)
    {
        await using var host = await StartHostAsync(offline: true);
        var expected = await host.Orchestrator.AnswerAsync([], question);

        var updates = await CollectAsync(host.Orchestrator.StreamAsync([], question));

        Assert.Contains(updates, u => u.Kind == AnswerUpdateKind.Draft);
        Assert.Equal(AnswerUpdateKind.Final, updates[^1].Kind);
        Assert.Single(updates, u => u.Kind == AnswerUpdateKind.Final);
        var answer = updates[^1].Answer!;
        Assert.Equal(expected.Text, answer.Text);
        Assert.Equal(expected.Kind, answer.Kind);
        Assert.Equal(expected.Citations.Select(c => c.DocumentId), answer.Citations.Select(c => c.DocumentId));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task A_caller_that_stops_reading_early_ends_the_turn_quietly()
    {
        Server.Enqueue(FakeOpenAiReply.Tools((Search, new { query = "5G base stations" })), FakeOpenAiReply.Text(Grounded));
        await using var host = await StartHostAsync();

        var first = default(AnswerUpdate);
        await foreach (var update in host.Orchestrator.StreamAsync([], Question))
        {
            first = update;
            break;
        }

        Assert.Equal(AnswerUpdateKind.Draft, first?.Kind);
    }

    private static async Task<List<AnswerUpdate>> CollectAsync(IAsyncEnumerable<AnswerUpdate> updates)
    {
        var list = new List<AnswerUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }

    /// <summary>The kinds in order with runs of drafts collapsed to one.</summary>
    private static List<AnswerUpdateKind> Collapse(List<AnswerUpdate> updates) =>
        updates.Select(u => u.Kind).Where((k, i) => i == 0 || k != AnswerUpdateKind.Draft || updates[i - 1].Kind != AnswerUpdateKind.Draft).ToList();
}
