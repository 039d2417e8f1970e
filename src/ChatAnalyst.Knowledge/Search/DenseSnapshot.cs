using System.Numerics.Tensors;
using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Knowledge.Search;

/// <summary>
/// An in-memory copy of the index at one version: every chunk with its document, the normalised vectors in one
/// contiguous array for exact cosine search, and the word vocabulary used for typo correction.
/// Exact search over a few thousand 384-d vectors takes well under a millisecond, so no ANN structure is needed.
/// </summary>
internal sealed class DenseSnapshot
{
    private readonly float[] _matrix;
    private readonly int[] _rowToChunk;
    private readonly int _dimensions;

    public DenseSnapshot(long version, IReadOnlyList<StoredDocument> documents, IReadOnlyList<EmbeddedChunk> chunks)
    {
        Version = version;
        Documents = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
        Chunks = chunks.Where(c => Documents.ContainsKey(c.DocumentId)).ToList();
        var chunkIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Chunks.Count; i++)
        {
            chunkIndex[Chunks[i].ChunkId] = i;
        }

        ChunkIndex = chunkIndex;

        var embedded = Enumerable.Range(0, Chunks.Count).Where(i => Chunks[i].Vector is { Length: > 0 }).ToList();
        _dimensions = embedded.Count == 0 ? 0 : Chunks[embedded[0]].Vector!.Length;
        _rowToChunk = embedded.Where(i => Chunks[i].Vector!.Length == _dimensions).ToArray();
        _matrix = new float[_rowToChunk.Length * _dimensions];
        for (var row = 0; row < _rowToChunk.Length; row++)
        {
            Chunks[_rowToChunk[row]].Vector!.CopyTo(_matrix, row * _dimensions);
        }

        Vocabulary = BuildVocabulary(Documents.Values, Chunks);
        _sentences = Chunks.Select(c => SentencesOf(c, _dimensions)).ToArray();

        // The vectors now live in the matrix and the sentence table; the chunk records need not hold them a second time.
        Chunks = Chunks.Select(c => c.Vector is null && c.SentenceVectors is null ? c : c with { Vector = null, SentenceVectors = null }).ToList();
    }

    private readonly (IReadOnlyList<string> Texts, float[]? Vectors)[] _sentences;

    public long Version { get; }

    public IReadOnlyDictionary<string, StoredDocument> Documents { get; }

    public IReadOnlyList<EmbeddedChunk> Chunks { get; }

    public IReadOnlyDictionary<string, int> ChunkIndex { get; }

    /// <summary>Lower-case word → number of chunks containing it.</summary>
    public IReadOnlyDictionary<string, int> Vocabulary { get; }

    public int EmbeddedCount => _rowToChunk.Length;

    /// <summary>Chunks by cosine similarity to <paramref name="query"/> (normalised), best first, documents filtered.</summary>
    public IReadOnlyList<(EmbeddedChunk Chunk, double Score)> Search(ReadOnlySpan<float> query, KnowledgeFilter filter, int limit)
    {
        if (_dimensions == 0 || query.Length != _dimensions || limit <= 0)
        {
            return [];
        }

        // The best `limit` rows in a min-heap (the worst kept row on top): no list of every score, no full sort. Rows are
        // visited in order and a later row replaces the top only when it scores strictly higher, so ties keep the
        // earlier row, exactly as a stable sort would.
        var best = new PriorityQueue<int, (float Score, int Row)>(limit + 1, WorstFirst.Instance);
        for (var row = 0; row < _rowToChunk.Length; row++)
        {
            if (!filter.IsEmpty)
            {
                var document = Documents[Chunks[_rowToChunk[row]].DocumentId];
                if (!filter.Matches(document.Published, document.Tags))
                {
                    continue;
                }
            }

            var score = TensorPrimitives.Dot(query, _matrix.AsSpan(row * _dimensions, _dimensions));
            if (best.Count < limit)
            {
                best.Enqueue(row, (score, row));
            }
            else if (best.TryPeek(out _, out var worst) && score > worst.Score)
            {
                best.DequeueEnqueue(row, (score, row));
            }
        }

        var kept = new List<(int Row, float Score)>(best.Count);
        while (best.TryDequeue(out var row, out var priority))
        {
            kept.Add((row, priority.Score));
        }

        return kept
            .OrderByDescending(k => k.Score)
            .ThenBy(k => k.Row)
            .Select(k => (Chunks[_rowToChunk[k.Row]], (double)k.Score))
            .ToList();
    }

    /// <summary>Puts the worst heap entry on top: the lower score, or on a tie the later row.</summary>
    private sealed class WorstFirst : IComparer<(float Score, int Row)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, int Row) x, (float Score, int Row) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Row.CompareTo(x.Row);
    }

    /// <summary>
    /// The sentences of one chunk, each with its cosine similarity to <paramref name="query"/>. Sentences come from the
    /// same splitter ingestion embedded them with; a chunk stored without sentence vectors scores 0 throughout.
    /// </summary>
    public IReadOnlyList<ScoredSentence> Sentences(int chunkIndex, ReadOnlySpan<float> query)
    {
        var (texts, vectors) = _sentences[chunkIndex];
        var scored = new ScoredSentence[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var similarity = vectors is null || query.Length != _dimensions ? 0 : TensorPrimitives.Dot(query, vectors.AsSpan(i * _dimensions, _dimensions));
            scored[i] = new ScoredSentence(texts[i], similarity);
        }

        return scored;
    }

    private static (IReadOnlyList<string> Texts, float[]? Vectors) SentencesOf(EmbeddedChunk chunk, int dimensions)
    {
        var texts = SentenceSplitter.SplitText(chunk.Text);
        // Vectors that do not line up with the sentences (another splitter, another model) are not used at all.
        var aligned = dimensions > 0 && chunk.SentenceVectors is { } v && v.Length == texts.Count * dimensions;
        return (texts, aligned ? chunk.SentenceVectors : null);
    }

    private static Dictionary<string, int> BuildVocabulary(IEnumerable<StoredDocument> documents, IEnumerable<EmbeddedChunk> chunks)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = chunks.Select(c => $"{c.Section} {c.Text}").Concat(documents.Select(d => d.Title));
        foreach (var text in texts)
        {
            foreach (var word in QueryAnalyzer.LatinWords(text).Distinct(StringComparer.Ordinal))
            {
                vocabulary[word] = vocabulary.GetValueOrDefault(word) + 1;
            }
        }

        return vocabulary;
    }
}
