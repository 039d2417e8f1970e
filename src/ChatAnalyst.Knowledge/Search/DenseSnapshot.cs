using System.Numerics.Tensors;
using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Knowledge.Search;

/// <summary>
/// An in-memory copy of the index at one version: every chunk with its document, the normalised chunk vectors as int8
/// rows with a scale each (<see cref="Int8Rows"/>) for exact cosine search, where each chunk's sentences stand, and the
/// word vocabulary used for typo correction. Sentence vectors are not held: they are read from the index for the few
/// passages a search returns (at 100k chunks holding them as int8 took 2.9 KB per chunk). Exact search over a few
/// thousand 384-d vectors takes well under a millisecond, so no ANN structure is needed.
/// </summary>
internal sealed class DenseSnapshot
{
    private readonly Dictionary<string, StoredDocument> _documents;
    private readonly List<EmbeddedChunk> _chunks = [];
    private readonly Dictionary<string, int> _chunkIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _abbreviations = new(StringComparer.Ordinal);

    // Chunk vectors, one row each, as int8 with a scale per row: a quarter of float32's memory.
    private readonly List<int> _rowToChunk = [];
    private Int8Rows? _rows;

    // Every chunk's sentences: where each one stands in its chunk's text (start, length).
    private readonly List<ChunkSentences> _sentences = [];
    private readonly List<int> _sentenceSpans = [];

    public DenseSnapshot(long version, IReadOnlyList<StoredDocument> documents, IEnumerable<EmbeddedChunk> chunks)
        : this(version, documents)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        foreach (var chunk in chunks)
        {
            Add(chunk);
        }

        Complete();
    }

    private DenseSnapshot(long version, IReadOnlyList<StoredDocument> documents)
    {
        Version = version;
        _documents = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
    }

    public long Version { get; }

    /// <summary>Sentence vectors of chunks searches returned, read from the index at this version.</summary>
    public SentenceVectorCache SentenceVectors { get; } = new();

    public IReadOnlyDictionary<string, StoredDocument> Documents => _documents;

    public IReadOnlyList<EmbeddedChunk> Chunks => _chunks;

    public IReadOnlyDictionary<string, int> ChunkIndex => _chunkIndex;

    /// <summary>Lower-case word → number of chunks containing it.</summary>
    public IReadOnlyDictionary<string, int> Vocabulary => _vocabulary;

    /// <summary>Abbreviations the articles define ("gadget price index (GPI)"): lower-case abbreviation → long form.</summary>
    public IReadOnlyDictionary<string, string> Abbreviations => _abbreviations;

    public int EmbeddedCount => _rowToChunk.Count;

    /// <summary>
    /// Builds the snapshot from chunks read one at a time: each chunk's float vectors are quantised and dropped as it
    /// arrives, so a large index never has every float vector in memory at once (at 10k chunks that was over 100 MB of
    /// garbage the process kept as resident memory after the load).
    /// </summary>
    public static async Task<DenseSnapshot> LoadAsync(long version, IReadOnlyList<StoredDocument> documents, IAsyncEnumerable<EmbeddedChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var snapshot = new DenseSnapshot(version, documents);
        await foreach (var chunk in chunks.WithCancellation(cancellationToken))
        {
            snapshot.Add(chunk);
        }

        snapshot.Complete();
        return snapshot;
    }

    /// <summary>Chunks by cosine similarity to <paramref name="query"/> (normalised), best first, documents filtered.</summary>
    public IReadOnlyList<(EmbeddedChunk Chunk, double Score)> Search(ReadOnlySpan<float> query, KnowledgeFilter filter, int limit)
    {
        if (_rows is null || query.Length != _rows.Dimensions || limit <= 0)
        {
            return [];
        }

        // The best `limit` rows in a min-heap (the worst kept row on top): no list of every score, no full sort. Rows are
        // visited in order and a later row replaces the top only when it scores strictly higher, so ties keep the
        // earlier row, exactly as a stable sort would.
        Span<short> quantised = query.Length <= 1024 ? stackalloc short[query.Length] : new short[query.Length];
        var queryScale = Int8Vectors.QuantizeQuery(query, quantised);
        var best = new PriorityQueue<int, (float Score, int Row)>(limit + 1, WorstFirst.Instance);
        for (var row = 0; row < _rowToChunk.Count; row++)
        {
            if (!filter.IsEmpty)
            {
                var document = _documents[_chunks[_rowToChunk[row]].DocumentId];
                if (!filter.Matches(document.Published, document.Tags))
                {
                    continue;
                }
            }

            var score = _rows.Dot(row, quantised, queryScale);
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
            .Select(k => (_chunks[_rowToChunk[k.Row]], (double)k.Score))
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
    /// The sentences of one chunk, each with its cosine similarity to <paramref name="query"/> from the chunk's stored
    /// sentence <paramref name="vectors"/> (one after another). Sentences come from the same splitter ingestion embedded
    /// them with; when the vectors do not line up with them (none stored, another splitter or model) all score 0.
    /// </summary>
    public IReadOnlyList<ScoredSentence> Sentences(int chunkIndex, ReadOnlySpan<float> query, ReadOnlySpan<float> vectors)
    {
        var sentences = _sentences[chunkIndex];
        var text = _chunks[chunkIndex].Text;
        var scored = new ScoredSentence[sentences.Count];
        var aligned = query.Length > 0 && vectors.Length == sentences.Count * query.Length;
        for (var i = 0; i < sentences.Count; i++)
        {
            var span = (sentences.First + i) * 2;
            var similarity = aligned ? TensorPrimitives.Dot(query, vectors.Slice(i * query.Length, query.Length)) : 0;
            scored[i] = new ScoredSentence(text.Substring(_sentenceSpans[span], _sentenceSpans[span + 1]), similarity);
        }

        return scored;
    }

    /// <summary>
    /// Takes in one chunk of a listed document: its vector, its sentences (split once; where each stands in the text
    /// is kept rather than a copy) and its words. The chunk record is kept without its vectors. The first chunk with a
    /// vector sets the dimensions; vectors of another length are left out.
    /// </summary>
    private void Add(EmbeddedChunk chunk)
    {
        if (!_documents.ContainsKey(chunk.DocumentId))
        {
            return;
        }

        var index = _chunks.Count;
        _chunkIndex[chunk.ChunkId] = index;
        if (chunk.Vector is { Length: > 0 } vector)
        {
            _rows ??= new Int8Rows(vector.Length);
            if (vector.Length == _rows.Dimensions)
            {
                _rowToChunk.Add(index);
                _rows.Add(vector);
            }
        }

        foreach (var (abbreviation, longForm) in AbbreviationReader.Definitions(chunk.Text))
        {
            _abbreviations.TryAdd(abbreviation, longForm);
        }

        var split = SentenceSplitter.SplitText(chunk.Text);
        var cursor = 0;
        foreach (var sentence in split)
        {
            // The splitter returns trimmed pieces of the text in order, so each is found after the one before.
            var start = chunk.Text.IndexOf(sentence, cursor, StringComparison.Ordinal);
            if (start < 0)
            {
                throw new InvalidOperationException($"A sentence of chunk {chunk.ChunkId} is not part of its text.");
            }

            _sentenceSpans.Add(start);
            _sentenceSpans.Add(sentence.Length);
            cursor = start + sentence.Length;
        }

        _sentences.Add(new ChunkSentences((_sentenceSpans.Count / 2) - split.Count, split.Count));
        CountWords($"{chunk.Section} {chunk.Text}");
        _chunks.Add(chunk.Vector is null && chunk.SentenceVectors is null ? chunk : chunk with { Vector = null, SentenceVectors = null });
    }

    /// <summary>Adds the document titles' words and gives back the lists' unused capacity.</summary>
    private void Complete()
    {
        foreach (var document in _documents.Values)
        {
            CountWords(document.Title);
        }

        _chunks.TrimExcess();
        _rowToChunk.TrimExcess();
        _sentences.TrimExcess();
        _sentenceSpans.TrimExcess();
        _rows?.Trim();
    }

    private void CountWords(string text)
    {
        foreach (var word in QueryAnalyzer.LatinWords(text).Distinct(StringComparer.Ordinal))
        {
            _vocabulary[word] = _vocabulary.GetValueOrDefault(word) + 1;
        }
    }

    /// <summary>A chunk's sentences: the first one's place in the span table, and how many.</summary>
    private readonly record struct ChunkSentences(int First, int Count);
}
