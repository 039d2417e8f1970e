using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ChatAnalyst.Cli;
using ChatAnalyst.Cli.Bench.FakeModel;
using ChatAnalyst.Orchestration;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evaluation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAnalyst.Benchmarks;

/// <summary>
/// <c>cost</c>: what a warm turn costs besides its query embedding, asked as the bench asks (the first 24 stand-alone
/// questions of the answer set, round and round, after 600 untimed turns). Prints the turn's wall time minus the time
/// its embedding calls took ("other"), the turn and a bare embedding of the question p50, process CPU time, bytes
/// allocated and garbage collections per turn. A diagnostic for A/B runs, not a budget check:
/// <list type="bullet">
/// <item><c>--turns N</c>: timed turns (default 1500);</item>
/// <item><c>--memo</c>: an embedding asked for before comes back at once, so the turn is all the work around it;</item>
/// <item><c>--llm</c>: the hosted-model path against the bench's zero-latency fake model (its calls are included);</item>
/// <item><c>--timeline</c>: each span of the turn (model rounds, tools), when it starts after the turn and how long it lasts, p50.</item>
/// </list>
/// Under <c>dotnet-trace collect -- ... cost --memo</c> it is a loop for a sampling profiler.
/// </summary>
internal static class TurnCost
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var turnsAt = args.ToList().IndexOf("--turns");
        var turnsWanted = turnsAt >= 0 && turnsAt + 1 < args.Count ? int.Parse(args[turnsAt + 1], CultureInfo.InvariantCulture) : 1500;
        var embedded = 0L;
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = ScriptedAnalyst.Reply;
        string[] provider = args.Contains("--llm")
            ? ["--ChatAnalyst:Ai:Provider=OpenAICompatible", "--ChatAnalyst:Ai:Endpoint=" + server.Endpoint, "--ChatAnalyst:Ai:Model=fake-model", "--ChatAnalyst:Ai:MaxRetries=0"]
            : ["--ChatAnalyst:Ai:Provider=Offline"];
        Directory.CreateDirectory(Path.GetDirectoryName(BenchmarkHost.Database)!);
        using var host = CliHost.Build(
            ["--ChatAnalyst:Knowledge:Database=" + BenchmarkHost.Database, .. provider, "--Logging:LogLevel:Default=Warning"],
            configure: services =>
            {
                var index = services.Count - 1;
                while (services[index].ServiceType != typeof(IEmbeddingGenerator<string, Embedding<float>>))
                {
                    index--;
                }

                var original = services[index];
                var memo = args.Contains("--memo");
                services[index] = ServiceDescriptor.Singleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
                    new TimedEmbeddings((IEmbeddingGenerator<string, Embedding<float>>)original.ImplementationFactory!(sp), memo, ticks => Interlocked.Add(ref embedded, ticks)));
            });
        await CliHost.EnsureKnowledgeAsync(host, CancellationToken.None);
        var orchestrator = host.Services.GetRequiredService<AnswerOrchestrator>();
        var embeddings = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var questions = AnswerEvaluator.Load(BenchmarkHost.AnswersFile()).Where(c => c.History.Count == 0).Select(c => c.Question).Distinct(StringComparer.Ordinal).Take(24).ToList();
        for (var i = 0; i < 600; i++)
        {
            await orchestrator.AnswerAsync([], questions[i % questions.Count]);
        }

        var spans = new ConcurrentQueue<(string Name, DateTime Start, TimeSpan Duration, string? Root)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ChatAnalystTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => spans.Enqueue((a.DisplayName, a.StartTimeUtc, a.Duration, a.RootId)),
        };
        if (args.Contains("--timeline"))
        {
            ActivitySource.AddActivityListener(listener);
        }

        var turns = new List<double>();
        var others = new List<double>();
        var floors = new List<double>();
        using var process = Process.GetCurrentProcess();
        long bytes = 0;
        var collections = new int[3];
        var cpu = TimeSpan.Zero;
        for (var i = 0; i < turnsWanted; i++)
        {
            var question = questions[i % questions.Count];
            var started = Stopwatch.GetTimestamp();
            await embeddings.GenerateAsync([question]);
            floors.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            var collectionsBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            Interlocked.Exchange(ref embedded, 0);
            started = Stopwatch.GetTimestamp();
            await orchestrator.AnswerAsync([], question);
            turns.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            others.Add(turns[^1] - (Interlocked.Read(ref embedded) * 1000.0 / Stopwatch.Frequency));
            bytes += GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
            for (var g = 0; g < 3; g++)
            {
                collections[g] += GC.CollectionCount(g) - collectionsBefore[g];
            }

            process.Refresh();
            cpu += process.TotalProcessorTime - cpuBefore;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"other p50 {P(others, 0.5):F2} p25 {P(others, 0.25):F2} ms | turn p50 {P(turns, 0.5):F2} p95 {P(turns, 0.95):F2} ms | embedding p50 {P(floors, 0.5):F2} ms | turn / embedding {P(turns, 0.5) / P(floors, 0.5):F2} | cpu {cpu.TotalMilliseconds / turnsWanted:F2} ms/turn | {bytes / 1024.0 / turnsWanted:F0} KB/turn | gc0/1/2 per 100 turns {100.0 * collections[0] / turnsWanted:F1}/{100.0 * collections[1] / turnsWanted:F1}/{100.0 * collections[2] / turnsWanted:F1}"));
        WriteTimeline(spans, output);
        return 0;
    }

    private static void WriteTimeline(IEnumerable<(string Name, DateTime Start, TimeSpan Duration, string? Root)> spans, TextWriter output)
    {
        var timeline = new Dictionary<string, (List<double> Start, List<double> Duration)>(StringComparer.Ordinal);
        foreach (var turn in spans.GroupBy(s => s.Root))
        {
            var root = turn.FirstOrDefault(s => s.Name == "answer");
            if (root.Name is null)
            {
                continue;
            }

            // The n-th span of a name in a turn, in start order ("chat model#1" is the second model round).
            foreach (var (name, span) in turn.OrderBy(s => s.Start).GroupBy(s => s.Name).SelectMany(g => g.Select((s, i) => (g.Key + "#" + i.ToString(CultureInfo.InvariantCulture), s))))
            {
                if (!timeline.TryGetValue(name, out var lists))
                {
                    timeline[name] = lists = ([], []);
                }

                lists.Start.Add((span.Start - root.Start).TotalMilliseconds);
                lists.Duration.Add(span.Duration.TotalMilliseconds);
            }
        }

        foreach (var (name, lists) in timeline.OrderBy(t => P(t.Value.Start, 0.5)))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-50} n {lists.Start.Count,5}  start p50 {P(lists.Start, 0.5),6:F2} ms  duration p50 {P(lists.Duration, 0.5),6:F2} ms"));
        }
    }

    private static double P(List<double> values, double quantile)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)(quantile * (sorted.Count - 1))];
    }

    /// <summary>The configured embedding generator, timed; with <c>memo</c>, a text embedded before comes back at once.</summary>
    private sealed class TimedEmbeddings(IEmbeddingGenerator<string, Embedding<float>> inner, bool memo, Action<long> add)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        private readonly ConcurrentDictionary<string, GeneratedEmbeddings<Embedding<float>>> _seen = new(StringComparer.Ordinal);

        public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var started = Stopwatch.GetTimestamp();
            var texts = values.ToList();
            var key = string.Join('\u0001', texts);
            if (memo && _seen.TryGetValue(key, out var known))
            {
                return known;
            }

            var result = await base.GenerateAsync(texts, options, cancellationToken);
            _seen[key] = result;
            add(Stopwatch.GetTimestamp() - started);
            return result;
        }
    }
}
