using System.Diagnostics;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Tests.Bot;
using ChatAnalyst.Tests.Knowledge;

namespace ChatAnalyst.Tests.Orchestration;

/// <summary>
/// A hosted model that is down, slow or rate-limiting every call: the user still gets the offline answer, and within
/// the turn deadline (<c>ChatAnalyst:Limits:TurnDeadlineSeconds</c>) where waiting for the model would take far longer.
/// The time checks only tell "about the deadline" from "the model's own timeout or Retry-After", with wide margins.
/// </summary>
[Collection(MiniLmCollectionDefinition.Name)]
public sealed class ModelFaultTests(MiniLmFixture miniLm, KnowledgeDatabaseFixture database)
    : FakeModelTests(miniLm, database), IClassFixture<KnowledgeDatabaseFixture>
{
    private const string Deadline = "ChatAnalyst:Limits:TurnDeadlineSeconds";

    [Fact]
    public async Task A_model_that_is_down_gets_the_offline_answer()
    {
        await using var host = await StartHostAsync(false, ("Endpoint", $"http://127.0.0.1:{BotProcess.FreePort()}/v1"));

        var answer = await host.Orchestrator.AnswerAsync([], Question);

        Assert.Equal(AnswerKind.Fallback, answer.Kind);
        Assert.Contains("4.25 million", answer.Text, StringComparison.Ordinal);
        Assert.Contains(answer.Citations, c => c.DocumentId == "01-china-5g-base-stations-2024.md");
    }

    [Fact]
    public async Task A_model_slower_than_the_deadline_is_abandoned_at_the_deadline_for_the_offline_answer()
    {
        Server.Responder = _ => FakeOpenAiReply.Text(Grounded).After(TimeSpan.FromSeconds(90));
        await using var host = await StartHostAsync(false, ("TimeoutSeconds", "60"), (Deadline, "2"));

        var clock = Stopwatch.StartNew();
        var answer = await host.Orchestrator.AnswerAsync([], Question);
        clock.Stop();

        Assert.Equal(AnswerKind.Fallback, answer.Kind);
        Assert.Contains("4.25 million", answer.Text, StringComparison.Ordinal);
        // The model's own timeout is 60 s; only the deadline ends the turn this early.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"answered after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Contains(host.Logs.Messages, m => m.Contains("turn deadline of 2 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_a_429_storm_the_user_gets_the_offline_answer_by_the_deadline_not_after_the_retry_after()
    {
        Server.Responder = _ => FakeOpenAiReply.Error(429, retryAfter: TimeSpan.FromSeconds(30));
        await using var host = await StartHostAsync(false, ("TimeoutSeconds", "60"), ("MaxRetries", "3"), (Deadline, "2"));

        var clock = Stopwatch.StartNew();
        var answer = await host.Orchestrator.AnswerAsync([], Question);
        clock.Stop();

        Assert.Equal(AnswerKind.Fallback, answer.Kind);
        Assert.Contains("4.25 million", answer.Text, StringComparison.Ordinal);
        // Honouring Retry-After three times would take 90 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"answered after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task A_stream_cut_by_the_deadline_keeps_the_checked_answer_so_far()
    {
        var filler = string.Join(' ', Enumerable.Repeat("and the network kept growing", 40));
        Server.Enqueue(
            FakeOpenAiReply.Tools((Search, new { query = "5G base stations" })),
            FakeOpenAiReply.Text(Grounded + " " + filler + ".") with { ChunkDelay = TimeSpan.FromMilliseconds(50) });
        await using var host = await StartHostAsync(false, ("TimeoutSeconds", "60"), (Deadline, "4"));

        var updates = new List<AnswerUpdate>();
        await foreach (var update in host.Orchestrator.StreamAsync([], Question))
        {
            updates.Add(update);
        }

        var answer = Assert.Single(updates, u => u.Kind == AnswerUpdateKind.Final).Answer!;
        Assert.Equal(AnswerKind.Answer, answer.Kind);
        Assert.StartsWith("China had 4.25 million 5G base stations", answer.Text, StringComparison.Ordinal);
        Assert.True(answer.Text.Length < Grounded.Length + filler.Length, "the whole stream was waited for");
        Assert.Contains(host.Logs.Messages, m => m.Contains("turn deadline of 4 s", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Tool_calls_beyond_the_turn_budget_are_not_run_and_the_model_is_told_why(int budget)
    {
        Server.Enqueue(
            FakeOpenAiReply.Tools(
                (Search, new { query = "5G base stations" }),
                ("Indicators-find_indicators", new { query = "5G base stations" }),
                ("Indicators-find_figures", new { query = "5G base stations" })),
            FakeOpenAiReply.Text(Grounded));
        await using var host = await StartHostAsync(false, ("ChatAnalyst:Limits:MaxToolCallsPerTurn", budget.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var answer = await host.Orchestrator.AnswerAsync([], Question);

        // The searches run before the model's first round count against the budget too, and no more of them run than it allows.
        var prefetched = Math.Min(3, budget);
        Assert.Equal(prefetched, Server.Requests[0].ToolResults.Count);
        Assert.Equal(budget, host.Functions.Calls.Count);
        Assert.Equal(budget, answer.ToolCalls);
        var results = Server.Requests[1].ToolResults.Select(FakeOpenAiRequest.TextOf).ToList();
        Assert.Equal(prefetched + 3, results.Count);
        Assert.All(results.Take(budget), r => Assert.DoesNotContain("Not run", r, StringComparison.Ordinal));
        Assert.All(results.Skip(budget), r => Assert.Contains($"limit of {budget} tool calls per question", r, StringComparison.Ordinal));
        Assert.Equal(AnswerKind.Answer, answer.Kind);
    }

    [Fact]
    public async Task A_long_answer_is_cut_at_a_sentence_and_the_model_is_asked_for_no_more()
    {
        var padding = string.Concat(Enumerable.Repeat(" The network kept growing across the country.", 20));
        Server.Enqueue(FakeOpenAiReply.Tools((Search, new { query = "5G base stations" })), FakeOpenAiReply.Text(Grounded + padding));
        await using var host = await StartHostAsync(false, ("ChatAnalyst:Limits:MaxAnswerCharacters", "300"));

        var answer = await host.Orchestrator.AnswerAsync([], Question);

        Assert.True(answer.Text.Length <= 300, $"{answer.Text.Length} characters");
        Assert.EndsWith(".…", answer.Text, StringComparison.Ordinal);
        Assert.Contains("4.25 million", answer.Text, StringComparison.Ordinal);
        Assert.All(Server.Requests, r => Assert.Equal(300, (int?)(r.Json["max_completion_tokens"] ?? r.Json["max_tokens"])));
    }
}
