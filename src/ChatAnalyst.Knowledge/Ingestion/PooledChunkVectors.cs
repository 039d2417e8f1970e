using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace ChatAnalyst.Knowledge.Ingestion;

/// <summary>
/// Embeds each piece of text once. A chunk's vector is pooled from vectors ingestion needs anyway: its sentences' (for
/// the reader) and its context line's (<c>title — section</c>, shared by the chunks of a section), each weighted by its
/// length, as the model's own mean pooling weighs tokens; then normalised. Embedding the whole chunk as well would
/// embed every sentence twice.
/// </summary>
internal sealed class PooledChunkVectors
{
    private readonly Dictionary<string, int> _pieces = new(StringComparer.Ordinal);
    private GeneratedEmbeddings<Embedding<float>>? _embeddings;

    /// <summary>The context line of a chunk: its index text without the chunk text (see <see cref="TextChunker"/>).</summary>
    public static string ContextOf(TextChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var suffix = ": " + chunk.Text;
        return chunk.IndexText.EndsWith(suffix, StringComparison.Ordinal) ? chunk.IndexText[..^suffix.Length] : chunk.IndexText;
    }

    /// <summary>Registers a piece of text to embed; a piece seen before is embedded once.</summary>
    public void Add(string piece) => _pieces.TryAdd(piece, _pieces.Count);

    /// <summary>Embeds every registered piece in one call.</summary>
    public async Task EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> generator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generator);
        _embeddings = await generator.GenerateAsync(_pieces.Keys, cancellationToken: cancellationToken);
    }

    /// <summary>The vector of a registered piece.</summary>
    public ReadOnlyMemory<float> VectorOf(string piece) =>
        (_embeddings ?? throw new InvalidOperationException("EmbedAsync first."))[_pieces[piece]].Vector;

    /// <summary>The length-weighted, normalised mean of the context's and the sentences' vectors.</summary>
    public float[] Pool(string context, IReadOnlyList<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var first = VectorOf(context);
        var pooled = new float[first.Length];
        TensorPrimitives.MultiplyAdd(first.Span, context.Length, pooled, pooled);
        foreach (var sentence in sentences)
        {
            TensorPrimitives.MultiplyAdd(VectorOf(sentence).Span, sentence.Length, pooled, pooled);
        }

        var norm = TensorPrimitives.Norm(pooled);
        if (norm > 0)
        {
            TensorPrimitives.Divide(pooled, norm, pooled);
        }

        return pooled;
    }
}
