using System.Text.Json.Nodes;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Tests.Knowledge;

namespace ChatAnalyst.Tests.Orchestration;

/// <summary>
/// The hosted-model answering path end to end: real DI wiring, real plugins over the sample knowledge base, real
/// HTTP (retries, timeouts) to a fake OpenAI-compatible server that plays the model.
/// </summary>
[Collection(MiniLmCollectionDefinition.Name)]
public sealed class LlmPathTests(MiniLmFixture miniLm, KnowledgeDatabaseFixture database)
    : FakeModelTests(miniLm, database), IClassFixture<KnowledgeDatabaseFixture>
{
    [Fact]
    public async Task Answer_cites_the_article_that_holds_the_figure_and_sends_tool_results_back_as_tool_messages()
    {
        Server.Enqueue(FakeOpenAiReply.Tools((Search, new { query = "5G base stations" })), FakeOpenAiReply.Text(Grounded));
        await using var host = await StartAsync();

        var answer = await host.Orchestrator.AnswerAsync([], Question);

        Assert.Equal(AnswerKind.Answer, answer.Kind);
        Assert.Contains("4.25 million", answer.Text, StringComparison.Ordinal);
        Assert.Equal("01-china-5g-base-stations-2024.md", Assert.Single(answer.Citations).DocumentId);
        Assert.Equal("fake-model", answer.Model);

        var requests = Server.Requests;
        Assert.Equal(2, requests.Count);
        // The question's own searches ran before the model's first round: their calls and results follow the question.
        Assert.Equal(["system", "user", "assistant", "tool", "tool", "tool"], requests[0].Roles);
        Assert.Equal(Question, requests[0].LastUserText);
        var prefetched = requests[0].Messages[2]["tool_calls"]!.AsArray();
        Assert.Equal([Search, "Indicators-find_indicators", "Indicators-find_figures"], prefetched.Select(c => (string?)c!["function"]!["name"]));
        Assert.Equal(prefetched.Select(c => (string?)c!["id"]), requests[0].ToolResults.Select(r => (string?)r["tool_call_id"]));
        Assert.Contains(Search, requests[0].ToolNames);
        // With two round-trips the model gets one tool round: only tools that need no id from another tool are offered.
        Assert.Equal(["Indicators-find_figures", "Indicators-find_indicators", Search], requests[0].ToolNames.Order(StringComparer.Ordinal).ToArray());
        var searchTool = requests[0].Json["tools"]!.AsArray().Single(t => (string?)t!["function"]!["name"] == Search)!;
        Assert.NotNull(searchTool["function"]!["parameters"]!["properties"]!["query"]);
        Assert.Contains("query", searchTool["function"]!["parameters"]!["required"]!.AsArray().Select(r => (string?)r));
        Assert.False(requests[0].Stream);

        // The model's own call and its result come after the prefetched ones, as a tool message answering that call.
        Assert.Equal(["system", "user", "assistant", "tool", "tool", "tool", "assistant", "tool"], requests[1].Roles);
        var call = requests[1].Messages[6]["tool_calls"]!.AsArray().Single()!;
        Assert.Equal(Search, (string?)call["function"]!["name"]);
        var toolResult = requests[1].ToolResults[^1];
        Assert.Equal((string?)call["id"], (string?)toolResult["tool_call_id"]);
        Assert.Contains("4.25 million", FakeOpenAiRequest.TextOf(toolResult), StringComparison.Ordinal);
        Assert.Empty(requests[1].ToolNames);
    }

    [Fact]
    public async Task A_follow_up_is_answered_in_one_round_trip_from_searches_for_the_subject_it_inherits()
    {
        const string FollowUp = "What about gigabit broadband users?";
        const string Figure = "above 200 million";
        Server.Responder = request => RefOf(request, Figure) is { } number
            ? FakeOpenAiReply.Text($"The number of gigabit broadband users in China was {Figure} [{number}].")
            : FakeOpenAiReply.Tools((Search, new { query = FollowUp }));
        await using var host = await StartAsync();

        var answer = await host.Orchestrator.AnswerAsync([new ChatTurn(ChatTurn.User, Question), new ChatTurn(ChatTurn.Assistant, Grounded)], FollowUp);

        // One request: it already held the results of the searches for the analysed question, so the model answered.
        var request = Assert.Single(Server.Requests);
        Assert.Equal(1, answer.ModelRoundTrips);
        Assert.Equal(FollowUp, request.LastUserText);
        var queries = request.Messages[^4]["tool_calls"]!.AsArray()
            .Select(c => (string?)JsonNode.Parse((string)c!["function"]!["arguments"]!)!["query"])
            .ToList();
        Assert.Equal(3, queries.Count);
        // The follow-up names only the new subject; the search carries the one it inherits from the earlier question.
        Assert.All(queries, q => Assert.Contains("5G base stations", q, StringComparison.Ordinal));
        Assert.All(queries, q => Assert.Contains("gigabit broadband users", q, StringComparison.Ordinal));
        Assert.Equal(3, host.Functions.Calls.Count);
        Assert.Equal(3, answer.ToolCalls);
        Assert.Equal(AnswerKind.Answer, answer.Kind);
        Assert.Contains(Figure, answer.Text, StringComparison.Ordinal);
        Assert.Equal("01-china-5g-base-stations-2024.md", Assert.Single(answer.Citations).DocumentId);
    }

    [Fact]
    public async Task A_source_is_described_to_the_model_once_per_turn_even_when_two_tools_return_it()
    {
        Server.Enqueue(FakeOpenAiReply.Text(Grounded));
        await using var host = await StartAsync();

        await host.Orchestrator.AnswerAsync([], Question);

        // The three prefetched searches (articles, indicators, figures) return some sources more than once.
        var results = Server.Requests[0].ToolResults.Select(r => JsonNode.Parse(FakeOpenAiRequest.TextOf(r))!).ToList();
        Assert.Equal(3, results.Count);
        var refs = results.Select(r => r["Items"]!.AsArray().Select(i => (int)i!["Ref"]!).ToHashSet()).ToList();
        var cited = refs.SelectMany(r => r).Distinct().Order().ToList();
        var described = results.SelectMany(r => r["Sources"]?.AsArray().Select(s => (int)s!["Ref"]!) ?? []).ToList();
        // Every cited number is described exactly once, by the first result that cites it.
        Assert.Equal(cited, described.Order());
        Assert.Contains(cited, number => refs.Count(r => r.Contains(number)) > 1);
    }

    [Theory]
    [InlineData("2", false)]
    [InlineData("3", true)]
    public async Task Series_ids_are_sent_only_when_the_model_has_a_tool_round_left_to_use_them(string maxRoundTrips, bool idsSent)
    {
        Server.Enqueue(FakeOpenAiReply.Text(Grounded));
        await using var host = await StartAsync(("MaxRoundTrips", maxRoundTrips));

        await host.Orchestrator.AnswerAsync([], Question);

        // The prefetched find_indicators result, the second of the first request's tool results: with two round-trips
        // the model's one tool round offers only the searches, which take no series id.
        var request = Assert.Single(Server.Requests);
        Assert.Equal("Indicators-find_indicators", (string?)request.Messages[2]["tool_calls"]![1]!["function"]!["name"]);
        var items = JsonNode.Parse(FakeOpenAiRequest.TextOf(request.ToolResults[1]))!["Items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal(idsSent, i!.AsObject().ContainsKey("Indicator")));
    }

    [Fact]
    public async Task Turn_reports_round_trips_and_the_token_usage_the_model_returned()
    {
        Server.Enqueue(FakeOpenAiReply.Tools((Search, new { query = "5G base stations" })), FakeOpenAiReply.Text(Grounded) with { PromptTokens = 1234, CompletionTokens = 56 });
        await using var host = await StartAsync();

        var answer = await host.Orchestrator.AnswerAsync([], Question);

        var first = Server.Requests[0];
        Assert.Equal(2, answer.ModelRoundTrips);
        Assert.Equal(first.EstimatedPromptTokens + 1234, answer.PromptTokens);
        Assert.True(answer.CompletionTokens > 56, $"completion tokens {answer.CompletionTokens}");
        Assert.Contains(
            host.Logs.Messages,
            m => m.Contains("2 model round-trips", StringComparison.Ordinal) && m.Contains($"{answer.PromptTokens} prompt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invented_figure_is_sent_back_once_then_the_offline_model_answers()
    {
        Server.Enqueue(
            FakeOpenAiReply.Tools((Search, new { query = "5G base stations" })),
            FakeOpenAiReply.Text("China's 5G base stations grew 12.7% [1]."),
            FakeOpenAiReply.Text("The number of 5G base stations grew 12.7% [1]."));
        await using var host = await StartAsync();

        var answer = await host.Orchestrator.AnswerAsync([], Question);

        var requests = Server.Requests;
        Assert.Equal(3, requests.Count);
        var retry = requests[2];
        Assert.Contains("12.7", retry.LastUserText, StringComparison.Ordinal);
        Assert.Contains("not fully supported by the tool results", retry.LastUserText, StringComparison.Ordinal);
        Assert.Equal("assistant", retry.Roles[^2]);
        Assert.Equal(AnswerKind.Fallback, answer.Kind);
        Assert.Equal("offline", answer.Model);
        Assert.Contains("4.25 million", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("12.7", answer.Text, StringComparison.Ordinal);
        Assert.Equal(3, answer.ModelRoundTrips);
    }

    [Fact]
    public async Task A_citation_to_a_source_the_tools_never_returned_is_rejected()
    {
        Server.Enqueue(
            FakeOpenAiReply.Tools((Search, new { query = "5G base stations" })),
            FakeOpenAiReply.Text("China had 4.25 million 5G base stations [9]."),
            FakeOpenAiReply.Text(Grounded));
        await using var host = await StartAsync();

        var answer = await host.Orchestrator.AnswerAsync([], Question);

        Assert.Contains("[9] does not point to any source", Server.Requests[2].LastUserText, StringComparison.Ordinal);
        Assert.Equal(AnswerKind.Answer, answer.Kind);
        Assert.DoesNotContain("[9]", answer.Text, StringComparison.Ordinal);
        Assert.Equal("01-china-5g-base-stations-2024.md", Assert.Single(answer.Citations).DocumentId);
    }

    [Fact]
    public async Task Rate_limited_call_waits_for_retry_after_then_answers()
    {
        Server.Enqueue(
            FakeOpenAiReply.Error(429, retryAfter: TimeSpan.FromSeconds(1)),
            FakeOpenAiReply.Tools((Search, new { query = "5G base stations" })),
            FakeOpenAiReply.Text(Grounded));
        await using var host = await StartAsync(("TimeoutSeconds", "5"));

        var answer = await host.Orchestrator.AnswerAsync([], Question);

        var requests = Server.Requests;
        Assert.Equal(AnswerKind.Answer, answer.Kind);
        Assert.Equal(3, requests.Count);
        Assert.Equal(requests[0].Body, requests[1].Body);
        var waited = requests[1].ReceivedAt - requests[0].ReceivedAt;
        Assert.True(waited >= TimeSpan.FromSeconds(0.9), $"retried after {waited.TotalMilliseconds:F0} ms despite Retry-After: 1");
        Assert.Equal(2, answer.ModelRoundTrips);
    }

    [Fact]
    public async Task Server_errors_past_the_retries_fall_back_to_the_offline_answer()
    {
        Server.Enqueue(FakeOpenAiReply.Error(500), FakeOpenAiReply.Error(500));
        await using var host = await StartAsync();

        var answer = await host.Orchestrator.AnswerAsync([], Question);

        Assert.Equal(2, Server.Requests.Count);
        Assert.Equal(AnswerKind.Fallback, answer.Kind);
        Assert.Contains("4.25 million", answer.Text, StringComparison.Ordinal);
        Assert.Contains(answer.Citations, c => c.DocumentId == "01-china-5g-base-stations-2024.md");
    }

    [Fact]
    public async Task A_model_slower_than_the_timeout_falls_back_to_the_offline_answer()
    {
        var slow = FakeOpenAiReply.Text(Grounded).After(TimeSpan.FromSeconds(5));
        Server.Enqueue(slow, slow);
        await using var host = await StartAsync(("TimeoutSeconds", "1"));

        var answer = await host.Orchestrator.AnswerAsync([], Question);

        // The retry was sent before the fallback; on a loaded machine the fake server may record it a moment later
        // (the client gave up on it after a second), so wait for the record rather than race it.
        for (var waited = 0; Server.Requests.Count < 2 && waited < 100; waited++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(2, Server.Requests.Count);
        Assert.Equal(AnswerKind.Fallback, answer.Kind);
        Assert.Contains("4.25 million", answer.Text, StringComparison.Ordinal);
    }

    /// <summary>The Ref of the tool result item holding <paramref name="figure"/>, as the model would cite it; null when none does.</summary>
    private static int? RefOf(FakeOpenAiRequest request, string figure) => request.ToolResults
        .SelectMany(r => JsonNode.Parse(FakeOpenAiRequest.TextOf(r))?["Items"]?.AsArray() ?? [])
        .Where(i => ((string?)i?["Text"])?.Contains(figure, StringComparison.Ordinal) == true)
        .Select(i => (int?)i!["Ref"])
        .FirstOrDefault();

    private Task<LlmPathHost> StartAsync(params (string Key, string Value)[] settings) =>
        StartHostAsync(false, settings);
}
