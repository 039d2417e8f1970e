using System.Diagnostics;
using System.Globalization;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Offline;
using ChatAnalyst.Orchestration.Plugins;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Benchmarks;

/// <summary>
/// <c>profile</c>: where an offline turn's time goes. For each benchmark question it times the whole turn and then
/// each piece on its own (the query embedding, and each tool the offline planner calls in round one, with the
/// planner's own arguments), and prints p50/p95 per piece. A diagnostic, not a budget check: the budget is the
/// BenchmarkDotNet run.
/// </summary>
internal static class TurnProfile
{
    private const int Warmup = 100;
    private const int Iterations = 60;

    /// <param name="args"><c>--loop SECONDS</c> only answers the questions round and round for that long, for a
    /// sampling profiler (<c>dotnet-trace collect -- ... profile --loop 20</c>).</param>
    /// <param name="output">Where the report goes.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        using var host = await BenchmarkHost.StartAsync(["ChatAnalyst:Ai:Provider=Offline", "Logging:LogLevel:Default=Warning"]);
        var orchestrator = host.Services.GetRequiredService<AnswerOrchestrator>();
        if (args is ["--loop", var seconds])
        {
            var turns = 0;
            var until = Stopwatch.GetTimestamp() + (long)(double.Parse(seconds, CultureInfo.InvariantCulture) * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < until)
            {
                foreach (var question in OfflineTurnBenchmarks.Questions)
                {
                    await orchestrator.AnswerAsync([], question);
                    turns++;
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{turns} turns"));
            return 0;
        }

        var kernel = host.Services.GetRequiredService<Kernel>();
        var embeddings = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var glossary = host.Services.GetRequiredService<BilingualGlossary>();

        using var timings = new ToolTimings();
        foreach (var question in OfflineTurnBenchmarks.Questions)
        {
            var analyzed = QuestionAnalysis.Analyze(question, [], glossary);
            output.WriteLine(question);
            await TimeAsync(output, "whole turn", () => orchestrator.AnswerAsync([], question));
            timings.Clear();
            var once = Stopwatch.GetTimestamp();
            await orchestrator.AnswerAsync([], question);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  one more turn, {Stopwatch.GetElapsedTime(once).TotalMilliseconds:F1} ms: {timings}"));
            await TimeAsync(output, "question analysis", () => Task.FromResult(QuestionAnalysis.Analyze(question, [], glossary)));
            if (ChineseSegmenter.ContainsCjk(question))
            {
                var segmenter = host.Services.GetRequiredService<ChineseSegmenter>();
                await TimeAsync(output, "jieba segmenting", () => Task.FromResult(segmenter.Segment(question)));
            }

            await TimeAsync(output, "query embedding", () => embeddings.GenerateAsync([analyzed.SearchText]));
            await TimeAsync(output, KnowledgeBasePlugin.SearchArticles, () => Invoke(kernel, KnowledgeBasePlugin.PluginName, KnowledgeBasePlugin.SearchArticles, new() { ["query"] = analyzed.SearchText, ["top"] = 6 }));
            var search = host.Services.GetRequiredService<IKnowledgeSearch>();
            await TimeAsync(output, "  keyword only", () => search.SearchAsync(new SearchRequest(analyzed.SearchText, 6) { Mode = SearchMode.Keyword }));
            await TimeAsync(output, "  dense only", () => search.SearchAsync(new SearchRequest(analyzed.SearchText, 6) { Mode = SearchMode.Dense }));
            await TimeAsync(output, IndicatorsPlugin.FindIndicators, () => Invoke(kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.FindIndicators, new() { ["query"] = analyzed.SearchText, ["limit"] = 5 }));
            await TimeAsync(output, IndicatorsPlugin.FindFigures, () => Invoke(kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.FindFigures, new() { ["query"] = analyzed.SearchText }));
        }

        return 0;
    }

    /// <summary>Records how long each kernel function took (Semantic Kernel's own activities), in completion order.</summary>
    private sealed class ToolTimings : IDisposable
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _calls = new();
        private readonly ActivityListener _listener;

        public ToolTimings()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal),
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = activity => _calls.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{activity.DisplayName} {activity.Duration.TotalMilliseconds:F1} ms")),
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public void Clear() => _calls.Clear();

        public void Dispose() => _listener.Dispose();

        public override string ToString() => string.Join(", ", _calls);
    }

    private static Task<FunctionResult> Invoke(Kernel kernel, string plugin, string function, KernelArguments arguments) =>
        kernel.InvokeAsync(plugin, function, arguments);

    private static async Task TimeAsync<T>(TextWriter output, string label, Func<Task<T>> action)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await action();
        }

        var times = new double[Iterations];
        for (var i = 0; i < Iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-18} p50 {times[Iterations / 2],6:F2} ms  p95 {times[(int)(Iterations * 0.95)],6:F2} ms"));
    }
}
