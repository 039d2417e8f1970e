using System.Numerics.Tensors;
using ChatAnalyst.Knowledge.Embeddings;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Extensions.AI;

namespace ChatAnalyst.Cli.Bench.Scale;

/// <summary>
/// What int8 vectors cost in recall, on real MiniLM vectors: the dense snapshot's top 10 (int8 rows, one scale each)
/// against exact float32 cosine over the same stored vectors, for each question. Sentences are scored from the stored
/// float32 vectors, so int8 costs them nothing.
/// </summary>
internal static class QuantisationProbe
{
    private const int Top = 10;

    public static async Task<QuantisationFigures> RunAsync(BenchHost host, IReadOnlyList<string> questions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(questions);
        var index = host.Get<IKnowledgeIndex>();
        var documents = await index.ListDocumentsAsync(cancellationToken);
        var chunks = (await index.LoadChunksAsync(MiniLmEmbeddingGenerator.ModelId, cancellationToken))
            .Where(c => c.Vector is { Length: MiniLmEmbeddingGenerator.Dimensions })
            .ToList();
        var snapshot = new DenseSnapshot(0, documents, chunks);
        var queries = await host.Get<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(questions, cancellationToken: cancellationToken);
        var overlaps = new List<double>();
        foreach (var query in queries.Select(q => q.Vector.ToArray()))
        {
            var exact = chunks
                .Select((c, i) => (c.ChunkId, Score: TensorPrimitives.Dot(query, c.Vector), Row: i))
                .OrderByDescending(c => c.Score)
                .ThenBy(c => c.Row)
                .Take(Top)
                .Select(c => c.ChunkId)
                .ToHashSet(StringComparer.Ordinal);
            var found = snapshot.Search(query, KnowledgeFilter.None, Top);
            overlaps.Add(found.Count(f => exact.Contains(f.Chunk.ChunkId)) / (double)Math.Max(1, exact.Count));
        }

        return new QuantisationFigures(overlaps.Count == 0 ? 0 : overlaps.Sum() / overlaps.Count, overlaps.Count == 0 ? 0 : overlaps.Min());
    }
}

/// <summary>Mean and worst top-10 overlap of int8 with float32 dense search.</summary>
internal sealed record QuantisationFigures(double MeanOverlap, double WorstOverlap);
