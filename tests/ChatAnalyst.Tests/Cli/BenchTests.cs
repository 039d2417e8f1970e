using ChatAnalyst.Cli.Bench;

namespace ChatAnalyst.Tests.Cli;

/// <summary>
/// <c>chatanalyst bench</c> at toy sizes: a smoke test of the table's structure (every figure the issue asks for, each
/// budget beside its figure), never of its timings.
/// </summary>
public sealed class BenchTests
{
    private static readonly string[] EveryRun =
    [
        "bare MiniLM query embedding", "whole offline turn, in process", "analysis", "query embedding (MiniLM", "keyword search",
        "dense search + fusion", "of which dense alone", "of which fusion", "indicator lookups", "reader (candidates", "of which scoring",
        "of which selection + writing", "grounding guard", "rendering", "orchestration: kernel", "embedding model calls per turn",
        "echo bot, 1 conversation", "echo bot, 8 concurrent conversations", "ChatAnalyst offline, 1 conversation",
        "ChatAnalyst offline, 8 concurrent conversations", "ratio ChatAnalyst / echo",
        "time per turn outside the model", "of which the query embedding (search_articles)", "model HTTP calls per turn", "model round-trips per turn", "prompt tokens per turn",
    ];

    private static readonly string[] EverySize =
    [
        "retrieval: search_articles", "of which query embedding / FTS5 keyword query", "reader on the passages found", "retrieval + reader, p95", "index size on disk", "sentence vectors",
        "time to ready, cold start", "offline turn over HTTP", "bot RSS after warm-up", "memory per chunk",
    ];

    private static readonly string[] Budgets =
    [
        "offline turn p50 / bare query embedding p50", "offline turn p95", "cold start to ready, sample knowledge base",
        "bot RSS after warm-up, sample knowledge base", "time per turn outside the model", "model round-trips per turn",
        "prompt tokens per turn", "ingestion time / embed-once time (CPU time)", "retrieval + reader, p95",
    ];

    [Fact]
    public async Task Bench_prints_every_figure_with_its_budget_for_a_real_and_a_synthetic_corpus()
    {
        var options = new BenchOptions { Sizes = [60, 20], RealModelMaxChunks = 20, Samples = 3, Warmup = 1 };

        var table = await BenchRunner.RunAsync(options, TextWriter.Null, CancellationToken.None);
        var printed = new StringWriter();
        table.Write(printed, BenchRunner.Machine());

        foreach (var figure in EveryRun)
        {
            Assert.Contains(table.Rows, r => r.Figure.Contains(figure, StringComparison.Ordinal));
        }

        var real = table.Rows.Where(r => r.Section == "scale 20").ToList();
        var synthetic = table.Rows.Where(r => r.Section == "scale 60 *").ToList();
        foreach (var figure in EverySize)
        {
            Assert.Contains(real, r => r.Figure.Contains(figure, StringComparison.Ordinal));
            Assert.Contains(synthetic, r => r.Figure.Contains(figure, StringComparison.Ordinal));
        }

        Assert.Contains(real, r => r.Figure.StartsWith("ingestion with MiniLM", StringComparison.Ordinal));
        Assert.Contains(real, r => r.Figure.StartsWith("int8 vectors: dense top-10 overlap with float32", StringComparison.Ordinal) && r.Value.EndsWith(" %", StringComparison.Ordinal));
        Assert.DoesNotContain(synthetic, r => r.Figure.StartsWith("int8 vectors", StringComparison.Ordinal));
        Assert.Contains(synthetic, r => r.Figure.StartsWith("index build, vectors given", StringComparison.Ordinal) && r.Note.Contains("synthetic", StringComparison.Ordinal));
        foreach (var budget in Budgets)
        {
            Assert.Contains(table.Rows, r => r.Figure.Contains(budget, StringComparison.Ordinal) && r.Budget.StartsWith('≤') && r.Held is not null);
        }

        Assert.Contains("| section | figure | measured | budget | verdict | note |", printed.ToString(), StringComparison.Ordinal);
        Assert.Contains("Machine: ", printed.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(options.WorkFolder), "The bench removes its work folder.");
    }
}
