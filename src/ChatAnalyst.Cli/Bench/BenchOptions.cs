namespace ChatAnalyst.Cli.Bench;

/// <summary>How much the bench measures. The full run takes minutes on 2 cores; <c>--quick</c> well under one.</summary>
internal sealed record BenchOptions
{
    /// <summary>Generated corpus sizes, in chunks. Sizes up to <see cref="RealModelMaxChunks"/> are embedded by MiniLM.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [1_000, 10_000, 100_000];

    /// <summary>Samples behind each latency figure (turns, searches, embeddings).</summary>
    public int Samples { get; init; } = 300;

    /// <summary>Untimed repetitions first, so the figures are of JIT-optimised code (tier-1 after 30 calls).</summary>
    public int Warmup { get; init; } = 100;

    /// <summary>
    /// Untimed turns a freshly started server answers before its warm figures: the JIT optimises a new process's code
    /// in the background over its first few hundred turns (the bot's CPU per turn fell from about 45 ms over its first
    /// 50 turns to about 13 ms after some 500), so <see cref="Warmup"/> alone measures a process still settling.
    /// </summary>
    public int ProcessWarmup { get; init; } = 600;

    /// <summary>Larger corpora get synthetic unit vectors: embedding 100k chunks on 2 cores takes too long for a bench.</summary>
    public int RealModelMaxChunks { get; init; } = 1_000;

    /// <summary>Where databases and generated articles go; removed at the end.</summary>
    public string WorkFolder { get; init; } = Path.Combine(Path.GetTempPath(), "chatanalyst-bench", Guid.NewGuid().ToString("N"));

    /// <summary>Configuration overrides given with <c>--set</c>, passed to every host the bench builds.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    public static BenchOptions Quick { get; } = new() { Sizes = [1_000, 10_000], Samples = 60, Warmup = 40, ProcessWarmup = 200 };
}
