using ChatAnalyst.Knowledge.Embeddings;
using ChatAnalyst.Knowledge.Ingestion;
using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Cli.Bench.Scale;

/// <summary>
/// Stores generated articles straight into the index with synthetic vectors: random unit vectors of MiniLM's dimension
/// for each chunk and each of its sentences (split as ingestion splits them, so the search uses them). Their cost in
/// memory, disk and search time is that of real vectors; their rankings mean nothing.
/// </summary>
internal static class SyntheticIndexWriter
{
    private const int Dimensions = MiniLmEmbeddingGenerator.Dimensions;

    /// <summary>Writes articles <c>[0, documents)</c>; returns the number of sentence vectors written.</summary>
    public static async Task<long> WriteAsync(IKnowledgeIndex index, CorpusGenerator corpus, int documents, int sectionsPerDocument, string sourceFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(corpus);
        var random = new Random(17);
        long sentences = 0;
        for (var d = 0; d < documents; d++)
        {
            var article = corpus.Article(d, sectionsPerDocument);
            var chunks = new List<ChunkRecord>(article.Sections.Count);
            for (var s = 0; s < article.Sections.Count; s++)
            {
                var (heading, text) = article.Sections[s];
                var count = SentenceSplitter.SplitText(text).Count;
                sentences += count;
                chunks.Add(new ChunkRecord($"{article.Id}#{s}", s, heading, text, UnitVectors(random, 1), UnitVectors(random, count)));
            }

            var document = new StoredDocument(
                article.Id,
                Path.Combine(sourceFolder, article.Id),
                sourceFolder,
                article.Title,
                "https://bench.invalid/" + article.Index,
                "Bench Gazette",
                article.Published,
                ["bench"],
                Hash: "synthetic",
                MiniLmEmbeddingGenerator.ModelId,
                IngestionService.PipelineVersion);
            await index.UpsertDocumentAsync(document, chunks, cancellationToken);
        }

        return sentences;
    }

    private static float[] UnitVectors(Random random, int count)
    {
        var vectors = new float[count * Dimensions];
        for (var v = 0; v < count; v++)
        {
            var vector = vectors.AsSpan(v * Dimensions, Dimensions);
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (random.NextSingle() * 2) - 1;
            }

            System.Numerics.Tensors.TensorPrimitives.Divide(vector, System.Numerics.Tensors.TensorPrimitives.Norm(vector), vector);
        }

        return vectors;
    }
}
