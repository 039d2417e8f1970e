using ChatAnalyst.Cli.Bench.Http;

namespace ChatAnalyst.Cli.Bench.Sections;

/// <summary>
/// Over HTTP, each server a process of its own: the ceiling (the echo bot) and ChatAnalyst offline on the sample
/// knowledge base, with expectReplies at 1 and 8 concurrent conversations, each process settled by
/// <see cref="BenchOptions.ProcessWarmup"/> turns first (its first turns are shown apart); the bot's cold start to
/// ready (its index already built) and its resident memory once warm.
/// </summary>
internal sealed class HttpSection(string contentRoot, string database, IReadOnlyList<string> questions, BenchOptions options)
{
    private const string Ceiling = "ceiling (HTTP)";
    private const int Concurrent = 8;
    private const int FreshTurns = 100;

    /// <summary>The offline turn over HTTP, one conversation at a time: what the budgets speak of.</summary>
    public Latencies Turn { get; private set; } = new();

    /// <summary>The bot's resident memory after the runs, in MB: the base the scale section's per-chunk memory is over.</summary>
    public double ResidentMb { get; private set; }

    public async Task RunAsync(BenchTable table, Latencies floor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(floor);
        var echo = new Latencies[2];
        await using (var server = ChildServer.StartEcho(contentRoot))
        {
            await server.WaitReadyAsync(TimeSpan.FromMinutes(1), cancellationToken);
            using var client = new ExpectRepliesClient(server.BaseAddress);
            await client.RunAsync(questions, 1, options.ProcessWarmup, 0, cancellationToken);
            echo[0] = await client.RunAsync(questions, 1, options.Samples, options.Warmup, cancellationToken);
            echo[1] = await client.RunAsync(questions, Concurrent, options.Samples / Concurrent, options.Warmup / Concurrent, cancellationToken);
        }

        await using var bot = ChildServer.StartBot(contentRoot, database, options.Settings);
        var ready = await bot.WaitReadyAsync(TimeSpan.FromMinutes(2), cancellationToken);
        using var botClient = new ExpectRepliesClient(bot.BaseAddress);
        // The fresh process's first turns are shown too: they are what a user meets right after a restart.
        var fresh = await botClient.RunAsync(questions, 1, FreshTurns, 0, cancellationToken);
        await botClient.RunAsync(questions, 1, Math.Max(0, options.ProcessWarmup - FreshTurns), 0, cancellationToken);
        Turn = await botClient.RunAsync(questions, 1, options.Samples, options.Warmup, cancellationToken);
        var busy = await botClient.RunAsync(questions, Concurrent, options.Samples / Concurrent, options.Warmup / Concurrent, cancellationToken);
        ResidentMb = bot.ResidentBytes() / 1048576.0;

        table.Add(Ceiling, "echo bot, 1 conversation", echo[0].Summary(), "p50 / p95; same SDK, adapter and host");
        table.Add(Ceiling, "echo bot, 8 concurrent conversations", echo[1].Summary(), "p50 / p95");
        table.Add(Ceiling, $"ChatAnalyst offline, fresh process: its first {FreshTurns} turns", fresh.Summary(), "p50 / p95; the JIT still optimising the new process's code");
        table.Add(Ceiling, "ChatAnalyst offline, 1 conversation", Turn.Summary(), $"p50 / p95; sample knowledge base; after {options.ProcessWarmup + options.Warmup} turns");
        table.Add(Ceiling, "ChatAnalyst offline, 8 concurrent conversations", busy.Summary(), "p50 / p95");
        table.Add(Ceiling, "ratio ChatAnalyst / echo, p50 at 1 / at 8", $"{BenchTable.Format(Turn.P50 / echo[0].P50)}× / {BenchTable.Format(busy.P50 / echo[1].P50)}×");
        table.AddAtMost("budget", "offline turn p50 / bare query embedding p50", Turn.P50 / floor.P50, 1.5, "×", "HTTP turn, 1 conversation, over the in-process floor");
        table.AddAtMost("budget", "offline turn p95 (HTTP, 1 conversation)", Turn.P95, 30, " ms");
        table.AddAtMost("budget", "cold start to ready, sample knowledge base (index built)", ready.TotalSeconds, 5, " s", "process start → /readyz 200");
        table.AddAtMost("budget", "bot RSS after warm-up, sample knowledge base", ResidentMb, 300, " MB", "after the HTTP runs above");
    }
}
