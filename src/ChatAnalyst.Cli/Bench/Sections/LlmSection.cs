using System.Diagnostics;
using ChatAnalyst.Cli.Bench.FakeModel;
using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Cli.Bench.Sections;

/// <summary>
/// The hosted-model path against a zero-latency fake OpenAI-compatible server on loopback (the scripted analyst: an
/// answer from the first item of the searches run before its first round): what a turn costs outside the model's HTTP calls, how many calls it
/// makes and how many prompt tokens it sends (as the server counts them, request characters / 4).
/// </summary>
internal sealed class LlmSection(string database, IReadOnlyList<string> questions, BenchOptions options)
{
    private const string Section = "LLM mode";

    public async Task RunAsync(BenchTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var server = await FakeOpenAiServer.StartAsync(cancellationToken);
        server.Responder = ScriptedAnalyst.Reply;
        using var host = await BenchHost.StartAsync(
            database,
            options,
            cancellationToken,
            "ChatAnalyst:Ai:Provider=OpenAICompatible",
            "ChatAnalyst:Ai:Endpoint=" + server.Endpoint,
            "ChatAnalyst:Ai:Model=fake-model",
            "ChatAnalyst:Ai:MaxRetries=0");
        var orchestrator = host.Get<AnswerOrchestrator>();
        var outside = new Latencies();
        var embedding = new Latencies();
        var model = new Latencies();
        var roundTrips = new List<int>();
        var tokens = new List<int>();
        for (var i = -options.Warmup; i < options.Samples; i++)
        {
            host.Clock.Reset();
            server.ClearRequests();
            var started = Stopwatch.GetTimestamp();
            var answer = await orchestrator.AnswerAsync([], questions[(i + options.Warmup) % questions.Count], cancellationToken);
            var turn = Latencies.Since(started);
            if (i >= 0)
            {
                outside.Add(turn - host.Clock.Model.TotalMilliseconds);
                embedding.Add(host.Clock.Embedding);
                model.Add(host.Clock.Model);
                roundTrips.Add(answer.ModelRoundTrips);
                tokens.Add(answer.PromptTokens);
            }
        }

        table.AddAtMost(Section, "time per turn outside the model's HTTP calls, p50", outside.P50, 5, " ms", $"p95 {BenchTable.Format(outside.P95)} ms; wall time of the turn − its model calls");
        table.Add(Section, "  of which the query embedding (search_articles)", embedding.Summary(), "p50 / p95; the floor's cost, paid in this mode too");
        table.Add(Section, "model HTTP calls per turn (zero-latency fake on loopback)", model.Summary(), "p50 / p95; the fake's own JSON work included");
        table.AddAtMost(Section, "model round-trips per turn, max", roundTrips.DefaultIfEmpty().Max(), 2, string.Empty, $"mean {BenchTable.Format(Mean(roundTrips))}");
        table.AddAtMost(Section, "prompt tokens per turn, max", tokens.DefaultIfEmpty().Max(), 2000, string.Empty, $"mean {BenchTable.Format(Mean(tokens))}; request characters / 4");
    }

    private static double Mean(List<int> values) => values.Count == 0 ? double.NaN : values.Sum() / (double)values.Count;
}
