using System.Diagnostics;
using ChatAnalyst.Knowledge.Embeddings;
using ChatAnalyst.Knowledge.Ingestion;
using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Knowledge.Text;
using Microsoft.Extensions.AI;

namespace ChatAnalyst.Cli.Bench.Scale;

/// <summary>
/// Ingestion with the real model: generated articles written as Markdown files and ingested by the real pipeline
/// (decode, chunk, embed, store, figure extraction), then the floor: MiniLM embedding the same text once (every
/// sentence of every chunk, one call, the generator's own batching).
/// </summary>
internal static class IngestionProbe
{
    public static async Task<IngestionFigures> RunAsync(BenchHost host, CorpusGenerator corpus, int documents, int sections, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(corpus);
        Directory.CreateDirectory(folder);
        for (var d = 0; d < documents; d++)
        {
            var article = corpus.Article(d, sections);
            await File.WriteAllTextAsync(Path.Combine(folder, article.Id), article.Markdown(), cancellationToken);
        }

        host.Clock.Reset();
        var started = Stopwatch.GetTimestamp();
        var cpu = CpuTime();
        var summary = await host.Get<IIngestionService>().IngestAsync([folder], null, cancellationToken);
        var ingestion = Stopwatch.GetElapsedTime(started);
        var ingestionCpu = CpuTime() - cpu;
        var modelTime = host.Clock.Embedding;
        if (summary.Failed > 0)
        {
            throw new InvalidOperationException("Ingesting the generated corpus failed: " + string.Join("; ", summary.Warnings.Select(w => w.Reason)));
        }

        var chunks = (await host.Get<IKnowledgeIndex>().LoadChunksAsync(MiniLmEmbeddingGenerator.ModelId, cancellationToken))
            .Where(c => c.DocumentId.StartsWith("bench-", StringComparison.Ordinal))
            .ToList();
        var sentences = chunks.SelectMany(c => SentenceSplitter.SplitText(c.Text)).ToList();
        started = Stopwatch.GetTimestamp();
        cpu = CpuTime();
        await host.Get<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(sentences, cancellationToken: cancellationToken);
        return new IngestionFigures(chunks.Count, sentences.Count, ingestion, modelTime, Stopwatch.GetElapsedTime(started))
        {
            IngestionCpu = ingestionCpu,
            EmbedOnceCpu = CpuTime() - cpu,
        };
    }

    /// <summary>This process's CPU time so far: on a shared machine it compares two runs better than wall time does.</summary>
    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}

/// <summary>What ingesting the generated corpus took, beside embedding its text once.</summary>
internal sealed record IngestionFigures(int Chunks, int Sentences, TimeSpan Ingestion, TimeSpan ModelInIngestion, TimeSpan EmbedOnce)
{
    /// <summary>CPU time of the whole process during ingestion.</summary>
    public TimeSpan IngestionCpu { get; init; }

    /// <summary>CPU time of the whole process while embedding the text once.</summary>
    public TimeSpan EmbedOnceCpu { get; init; }
}
