using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChatAnalyst.Cli.Bench.FakeModel;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAnalyst.Benchmarks;

/// <summary>
/// <c>budget</c>: runs every question of tests/eval/answers.jsonl (follow-ups after their earlier questions) through the
/// hosted-model path against the in-process fake server and checks the per-turn budget: at most 2 model round-trips
/// and 2,000 prompt tokens. Prompt tokens are what the server reported, which it estimates as request-body characters
/// / 4; the split shows where they go.
/// </summary>
internal static class PromptBudget
{
    public const int MaxRoundTrips = 2;
    public const int MaxPromptTokens = 2000;

    /// <param name="args">Configuration overrides ("Key=Value"), and <c>--dump DIR</c> to write every request body to DIR.</param>
    /// <param name="output">Where the report goes.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var dumpAt = args.ToList().IndexOf("--dump");
        var dump = dumpAt >= 0 && dumpAt + 1 < args.Count ? Directory.CreateDirectory(args[dumpAt + 1]).FullName : null;
        var settings = dumpAt >= 0 ? args.Where((_, i) => i != dumpAt && i != dumpAt + 1).ToList() : args;
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = ScriptedAnalyst.Reply;
        using var host = await BenchmarkHost.StartAsync(
        [
            "ChatAnalyst:Ai:Provider=OpenAICompatible",
            "ChatAnalyst:Ai:Endpoint=" + server.Endpoint,
            "ChatAnalyst:Ai:Model=fake-model",
            "ChatAnalyst:Ai:TimeoutSeconds=30",
            "ChatAnalyst:Ai:MaxRetries=0",
            "Logging:LogLevel:Default=Warning",
            .. settings,
        ]);
        var orchestrator = host.Services.GetRequiredService<AnswerOrchestrator>();
        var cases = AnswerEvaluator.Load(BenchmarkHost.AnswersFile());

        var turns = new List<TurnCost>();
        foreach (var @case in cases)
        {
            var history = new List<ChatTurn>();
            foreach (var question in @case.History.Append(@case.Question))
            {
                server.ClearRequests();
                var answer = await orchestrator.AnswerAsync(history, question);
                var requests = server.Requests;
                turns.Add(TurnCost.Of(@case.Id, question, answer, requests));
                if (dump is not null)
                {
                    for (var i = 0; i < requests.Count; i++)
                    {
                        await File.WriteAllTextAsync(Path.Combine(dump, Invariant($"{@case.Id}-{history.Count / 2}-{i + 1}.json")), requests[i].Body);
                    }
                }
                history.Add(new ChatTurn(ChatTurn.User, question));
                history.Add(new ChatTurn(ChatTurn.Assistant, answer.Text));
            }
        }

        return Report(turns, cases.Count, output);
    }

    private static int Report(List<TurnCost> turns, int questions, TextWriter output)
    {
        var maxTrips = turns.Max(t => t.RoundTrips);
        var maxTokens = turns.Max(t => t.PromptTokens);
        var meanTokens = turns.Average(t => t.PromptTokens);
        var largest = turns.MaxBy(t => t.PromptTokens)!;
        var mismatched = turns.Count(t => t.PromptTokens != t.Parts.Total);
        var kinds = string.Join(", ", turns.GroupBy(t => t.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));

        output.WriteLine(Invariant($"Prompt budget: {questions} questions, {turns.Count} turns (follow-ups asked after their earlier questions); {kinds} (the scripted model answers every question from its first tool item)."));
        output.WriteLine(Invariant($"Model round-trips per question: max {maxTrips} (budget {MaxRoundTrips}) {Verdict(maxTrips <= MaxRoundTrips)}"));
        output.WriteLine(Invariant($"Prompt tokens per turn (all round-trips): max {maxTokens}, mean {meanTokens:F0} (budget {MaxPromptTokens}) {Verdict(maxTokens <= MaxPromptTokens)}"));
        output.WriteLine(Invariant($"Per request: first (prefetched search results and tools) mean {turns.Average(t => t.FirstRequest):F0}, max {turns.Max(t => t.FirstRequest)}; last (answer round) mean {turns.Average(t => t.LastRequest):F0}, max {turns.Max(t => t.LastRequest)}"));
        output.WriteLine(Invariant($"Turns whose reported usage differs from the request bodies' chars/4: {mismatched}"));
        output.WriteLine(Invariant($"Where a turn's prompt tokens go, mean: {Mean(turns)}"));
        output.WriteLine(Invariant($"Largest turn, {largest.CaseId} \"{largest.Question}\": {largest.Parts}"));
        output.WriteLine("Heaviest turns:");
        foreach (var turn in turns.OrderByDescending(t => t.PromptTokens).Take(5))
        {
            output.WriteLine(Invariant($"  {turn.CaseId,-4} {turn.PromptTokens,6} tokens, {turn.RoundTrips} round-trips, {turn.Kind}: {turn.Question}"));
        }

        return maxTrips <= MaxRoundTrips && maxTokens <= MaxPromptTokens ? 0 : 1;
    }

    private static string Mean(List<TurnCost> turns) => new PromptParts(
        (int)turns.Average(t => t.Parts.System),
        (int)turns.Average(t => t.Parts.Tools),
        (int)turns.Average(t => t.Parts.ToolResults),
        (int)turns.Average(t => t.Parts.Conversation),
        (int)turns.Average(t => t.Parts.Envelope)).ToString();

    private static string Verdict(bool ok) => ok ? "OK" : "OVER BUDGET";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>What one turn cost: round-trips, reported prompt tokens and their split over the requests sent.</summary>
    private sealed record TurnCost(string CaseId, string Question, AnswerKind Kind, int RoundTrips, int PromptTokens, int FirstRequest, int LastRequest, PromptParts Parts)
    {
        public static TurnCost Of(string caseId, string question, AnalystAnswer answer, IReadOnlyList<FakeOpenAiRequest> requests)
        {
            if (answer.ModelRoundTrips != requests.Count)
            {
                throw new InvalidOperationException($"{caseId}: the answer counts {answer.ModelRoundTrips} round-trips but the server saw {requests.Count} requests.");
            }

            var parts = requests.Select(PromptParts.Of).Aggregate(PromptParts.None, (a, b) => a + b);
            return new TurnCost(
                caseId,
                question,
                answer.Kind,
                answer.ModelRoundTrips,
                answer.PromptTokens,
                requests.Count == 0 ? 0 : requests[0].EstimatedPromptTokens,
                requests.Count == 0 ? 0 : requests[^1].EstimatedPromptTokens,
                parts);
        }
    }

    /// <summary>A prompt split into its parts, in tokens estimated as characters of the request body / 4.</summary>
    private sealed record PromptParts(int System, int Tools, int ToolResults, int Conversation, int Envelope)
    {
        /// <summary>Escapes as little as the request body does, so the parts add up to no more than the body.</summary>
        private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static PromptParts None { get; } = new(0, 0, 0, 0, 0);

        public int Total => System + Tools + ToolResults + Conversation + Envelope;

        public static PromptParts Of(FakeOpenAiRequest request)
        {
            int Chars(string role) => request.Messages.Where(m => (string?)m["role"] == role).Sum(m => m.ToJsonString(Relaxed).Length);
            var system = Chars("system");
            var tools = request.Json["tools"]?.ToJsonString(Relaxed).Length ?? 0;
            var results = Chars("tool");
            var conversation = Chars("user") + Chars("assistant");
            var total = request.EstimatedPromptTokens;
            var parts = new PromptParts(system / 4, tools / 4, results / 4, conversation / 4, 0);
            return parts with { Envelope = total - parts.Total };
        }

        public static PromptParts operator +(PromptParts a, PromptParts b) =>
            new(a.System + b.System, a.Tools + b.Tools, a.ToolResults + b.ToolResults, a.Conversation + b.Conversation, a.Envelope + b.Envelope);

        public override string ToString() => Invariant(
            $"system prompt {System}, tools schema {Tools}, tool results {ToolResults}, conversation {Conversation}, JSON envelope {Envelope} (total {Total})");
    }
}
