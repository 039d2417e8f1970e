using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Plugins;
using ChatAnalyst.Orchestration.Reading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Benchmarks;

/// <summary>
/// <c>features [--dump FILE] [--rounds N] [--cold]</c>: the reader's "candidates + features" step alone, over the evidence the
/// offline planner's round-one tools return for the answers evaluation questions. The tool calls are made once per
/// question; then the step (CandidateBuilder.Build, new ReaderFeatures, Compute per candidate) is timed round and
/// round, and p50/p95 per call printed, with Build on its own. <c>--dump</c> writes every feature vector bit for bit
/// (hexadecimal doubles) with the pool flags, to compare two builds' outputs.
/// </summary>
internal static class ReaderFeaturesProfile
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var dump = Option(args, "--dump");
        var rounds = int.Parse(Option(args, "--rounds") ?? "30", CultureInfo.InvariantCulture);
        // --cold empties the reader's caches before every step (where the build has them), to time the first sight of
        // an article's sentences.
        var clear = args.Contains("--cold")
            ? typeof(ReaderFeatures).Assembly.GetType("ChatAnalyst.Orchestration.Reading.ReaderCache")?.GetMethod("Clear", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)
            : null;
        using var host = await BenchmarkHost.StartAsync(["ChatAnalyst:Ai:Provider=Offline", "Logging:LogLevel:Default=Warning"]);
        var kernel = host.Services.GetRequiredService<Kernel>();
        var glossary = host.Services.GetRequiredService<BilingualGlossary>();
        var units = host.Services.GetRequiredService<UnitNames>();
        var turns = new List<(QuestionAnalysis Question, IReadOnlyList<ToolEvidence> Results)>();
        foreach (var question in Questions())
        {
            var analysis = QuestionAnalysis.Analyze(question, [], glossary, units);
            var ledger = new CitationLedger();
            var articles = ledger.Register(await ToolAsync(kernel, KnowledgeBasePlugin.PluginName, KnowledgeBasePlugin.SearchArticles, new() { ["query"] = analysis.SearchText, ["top"] = 6 }));
            var indicators = ledger.Register(await ToolAsync(kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.FindIndicators, new() { ["query"] = analysis.SearchText, ["limit"] = 5 }));
            var figures = ledger.Register(await ToolAsync(kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.FindFigures, new() { ["query"] = analysis.SearchText }));
            turns.Add((analysis, [articles, indicators, figures]));
        }

        if (dump is not null)
        {
            var text = new StringBuilder();
            foreach (var (question, results) in turns)
            {
                var candidates = CandidateBuilder.Build(results);
                var features = new ReaderFeatures(question, candidates);
                text.Append(CultureInfo.InvariantCulture, $"Q {question.Text} | else={features.IsAboutSomethingElse} quotes={features.QuotesEvidence} n={candidates.Count}\n");
                foreach (var candidate in candidates)
                {
                    var vector = features.Compute(candidate);
                    text.Append(CultureInfo.InvariantCulture, $"  {candidate.DocumentId} {candidate.Position} [{string.Join(' ', candidate.Periods)}] {candidate.Similarity:R}: ")
                        .AppendJoin(' ', vector.Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x16", CultureInfo.InvariantCulture))).Append('\n');
                }
            }

            await File.WriteAllTextAsync(dump, text.ToString());
            output.WriteLine($"{turns.Count} questions dumped to {dump}");
        }

        var step = new List<double>();
        var build = new List<double>();
        var construct = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (question, results) in turns)
            {
                clear?.Invoke(null, null);
                var started = Stopwatch.GetTimestamp();
                var candidates = CandidateBuilder.Build(results);
                var built = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var features = new ReaderFeatures(question, candidates);
                var constructed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var sum = candidates.Sum(c => features.Compute(c)[0]);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (round >= rounds / 3 && !double.IsNaN(sum))
                {
                    step.Add(elapsed);
                    build.Add(built);
                    construct.Add(constructed - built);
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"candidates + features  {Summary(step)}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which Build        {Summary(build)}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which constructor  {Summary(construct)}"));
        return 0;
    }

    private static string Summary(List<double> times)
    {
        times.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"p50 {times[times.Count / 2]:F3} ms  p95 {times[(int)(times.Count * 0.95)]:F3} ms  mean {times.Average():F3} ms  (n={times.Count})");
    }

    private static IEnumerable<string> Questions()
    {
        foreach (var question in OfflineTurnBenchmarks.Questions)
        {
            yield return question;
        }

        foreach (var line in File.ReadLines(BenchmarkHost.AnswersFile()).Where(l => l.Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("history", out var history) && history.GetArrayLength() > 0)
            {
                continue;
            }

            yield return json.RootElement.GetProperty("question").GetString()!;
        }
    }

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }

    private static async Task<ToolEvidence> ToolAsync(Kernel kernel, string plugin, string function, KernelArguments arguments)
    {
        var result = await kernel.InvokeAsync(plugin, function, arguments);
        return result.GetValue<ToolEvidence>() ?? ToolEvidence.Empty(function, "no result");
    }
}
