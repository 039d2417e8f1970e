using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using ChatAnalyst.Orchestration.Answers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatAnalyst.Benchmarks;

/// <summary>
/// One offline turn end to end (prompt rendering, the offline model's tool plan, hybrid search, indicator lookups,
/// composing, the grounding guard, renumbering) on the sample knowledge base, with no history. Target: p95 ≤ 30 ms.
/// Each iteration is exactly one turn, so the P50/P95 columns are per-turn latencies.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class OfflineTurnBenchmarks
{
    private IHost _host = null!;
    private AnswerOrchestrator _orchestrator = null!;

    /// <summary>Representative questions: a figure, a period lookup, a comparison, Chinese, and one out of scope.</summary>
    public static IEnumerable<string> Questions =>
    [
        "How many 5G base stations does China have, per MIIT's January 2025 release?",
        "What did China's software business bring in over January to November 2024?",
        "Did wind or solar add more capacity in China in 2024?",
        "人工智能+行动到2027年的普及率目标是多少？",
        "What's the weather going to be in Beijing tomorrow?",
    ];

    [ParamsSource(nameof(Questions))]
    public string Question { get; set; } = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await BenchmarkHost.StartAsync(["ChatAnalyst:Ai:Provider=Offline", "Logging:LogLevel:Default=Warning"]);
        _orchestrator = _host.Services.GetRequiredService<AnswerOrchestrator>();
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark]
    public Task<AnalystAnswer> OfflineTurn() => _orchestrator.AnswerAsync([], Question);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // 100 warm-up turns: the budget is the latency of a bot that has been answering for a while. The first few
            // dozen turns of a fresh process run partly on unoptimised (tier-0) JIT code, since a method called once
            // per turn is recompiled only after its 30th call.
            AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(100).WithIterationCount(100));
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Max);
        }
    }
}
