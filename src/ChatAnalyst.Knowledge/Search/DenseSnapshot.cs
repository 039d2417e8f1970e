using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Knowledge.Search;

/// <summary>
/// An in-memory copy of the index at one version: every chunk with its document, the normalised vectors in one
/// contiguous array for exact cosine search (int8 with a scale per vector), and the word vocabulary used for typo
/// correction.
/// Exact search over a few thousand 384-d vectors takes well under a millisecond, so no ANN structure is needed.
/// </summary>
internal sealed class DenseSnapshot
{
    // Chunk vectors, one row each, as bytes with one scale per row (Int8Vectors): a quarter of float32's memory.
    private readonly sbyte[] _matrix;
    private readonly float[] _scales;
    private readonly int[] _rowToChunk;
    private readonly int _dimensions;

    // Every chunk's sentences: where each one stands in its chunk's text (start, length), and the sentence vectors as
    // bytes, one row per sentence of a chunk whose vectors line up with its sentences.
    private readonly ChunkSentences[] _sentences;
    private readonly int[] _sentenceSpans;
    private readonly sbyte[] _sentenceMatrix;
    private readonly float[] _sentenceScales;

    public DenseSnapshot(long version, IReadOnlyList<StoredDocument> documents, IReadOnlyList<EmbeddedChunk> chunks)
    {
        Version = version;
        Documents = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var kept = chunks.Where(c => Documents.ContainsKey(c.DocumentId)).ToList();
        var chunkIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < kept.Count; i++)
        {
            chunkIndex[kept[i].ChunkId] = i;
        }

        ChunkIndex = chunkIndex;

        var embedded = Enumerable.Range(0, kept.Count).Where(i => kept[i].Vector is { Length: > 0 }).ToList();
        _dimensions = embedded.Count == 0 ? 0 : kept[embedded[0]].Vector!.Length;
        _rowToChunk = embedded.Where(i => kept[i].Vector!.Length == _dimensions).ToArray();
        _matrix = new sbyte[_rowToChunk.Length * _dimensions];
        _scales = new float[_rowToChunk.Length];
        for (var row = 0; row < _rowToChunk.Length; row++)
        {
            _scales[row] = Int8Vectors.Quantize(kept[_rowToChunk[row]].Vector!, _matrix.AsSpan(row * _dimensions, _dimensions));
        }

        Vocabulary = BuildVocabulary(Documents.Values, kept);
        (_sentences, _sentenceSpans, _sentenceMatrix, _sentenceScales) = SentenceTable(kept, _dimensions);

        // The vectors now live in the two byte matrices; the chunk records need not hold them a second time.
        Chunks = kept.Select(c => c.Vector is null && c.SentenceVectors is null ? c : c with { Vector = null, SentenceVectors = null }).ToList();
    }

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

            var score = _scales[row] * Int8Vectors.Dot(query, _matrix.AsSpan(row * _dimensions, _dimensions));
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
        var sentences = _sentences[chunkIndex];
        var text = Chunks[chunkIndex].Text;
        var scored = new ScoredSentence[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            var span = (sentences.First + i) * 2;
            var row = sentences.FirstVector + i;
            var similarity = sentences.FirstVector < 0 || query.Length != _dimensions
                ? 0
                : _sentenceScales[row] * Int8Vectors.Dot(query, _sentenceMatrix.AsSpan(row * _dimensions, _dimensions));
            scored[i] = new ScoredSentence(text.Substring(_sentenceSpans[span], _sentenceSpans[span + 1]), similarity);
        }

        return scored;
    }

    /// <summary>
    /// Splits every chunk into its sentences once and keeps where each stands in the chunk's text rather than a copy
    /// of it; quantises the sentence vectors of the chunks whose vectors line up with their sentences. Vectors that do
    /// not (another splitter, another model) are not used at all.
    /// </summary>
    private static (ChunkSentences[] Chunks, int[] Spans, sbyte[] Matrix, float[] Scales) SentenceTable(List<EmbeddedChunk> chunks, int dimensions)
    {
        var split = chunks.Select(c => SentenceSplitter.SplitText(c.Text)).ToArray();
        var aligned = chunks.Select((c, i) => dimensions > 0 && c.SentenceVectors is { } v && v.Length == split[i].Count * dimensions).ToArray();
        var sentenceCount = split.Sum(s => s.Count);
        var vectorCount = split.Where((_, i) => aligned[i]).Sum(s => s.Count);
        var table = new ChunkSentences[chunks.Count];
        var spans = new int[sentenceCount * 2];
        var matrix = new sbyte[vectorCount * dimensions];
        var scales = new float[vectorCount];
        var first = 0;
        var firstVector = 0;
        for (var c = 0; c < chunks.Count; c++)
        {
            var text = chunks[c].Text;
            var cursor = 0;
            for (var i = 0; i < split[c].Count; i++)
            {
                // The splitter returns trimmed pieces of the text in order, so each is found after the one before.
                var sentence = split[c][i];
                var start = text.IndexOf(sentence, cursor, StringComparison.Ordinal);
                if (start < 0)
                {
                    throw new InvalidOperationException($"Sentence {i} of chunk {chunks[c].ChunkId} is not part of its text.");
                }

                spans[(first + i) * 2] = start;
                spans[((first + i) * 2) + 1] = sentence.Length;
                cursor = start + sentence.Length;
            }

            if (aligned[c])
            {
                var vectors = chunks[c].SentenceVectors!;
                for (var i = 0; i < split[c].Count; i++)
                {
                    var row = firstVector + i;
                    scales[row] = Int8Vectors.Quantize(vectors.AsSpan(i * dimensions, dimensions), matrix.AsSpan(row * dimensions, dimensions));
                }
            }

            table[c] = new ChunkSentences(first, split[c].Count, aligned[c] ? firstVector : -1);
            first += split[c].Count;
            firstVector += aligned[c] ? split[c].Count : 0;
        }

        return (table, spans, matrix, scales);
    }

    /// <summary>A chunk's sentences: the first one's place in the span table, how many, and its first vector row (−1: none).</summary>
    private readonly record struct ChunkSentences(int First, int Count, int FirstVector);

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
