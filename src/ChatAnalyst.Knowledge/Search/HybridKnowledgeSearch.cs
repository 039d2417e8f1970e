using ChatAnalyst.Knowledge.Embeddings;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAnalyst.Knowledge.Search;

/// <summary>
/// Hybrid retrieval: the index's keyword relevance (BM25 in SQLite, <c>ts_rank</c> in PostgreSQL) plus exact cosine over
/// chunk vectors held in memory, fused by a weighted
/// score sum (default) or reciprocal rank fusion, then diversified so one article cannot fill the whole result.
/// The in-memory vectors are reloaded whenever the index version changes (after any ingestion, in any process or
/// instance).
/// </summary>
/// <remarks>
/// Measured on the sample knowledge base (11 articles, 38 chunks, MiniLM, glossary on), document-level, top 10:
/// <code>
///                     tests/eval/retrieval.jsonl (56 q)    own queries (34 q) 
///                     R@1    R@5    MRR                   R@1    R@5    MRR
///   keyword           0.946  1.000  0.973                 1.000  1.000  1.000
///   dense             0.946  1.000  0.964                 0.971  1.000  0.978
///   hybrid RRF k=60   0.946  1.000  0.973                 0.971  1.000  0.980
///   hybrid weighted   0.982  1.000  0.991                 1.000  1.000  1.000   (dense weight 0.5)
/// </code>
/// RRF was insensitive to k (10, 30, 60 gave the same numbers); weighted fusion was best for dense weights 0.5–0.6 and
/// dropped at 0.4 and 0.7. Weighted wins because a strong keyword match (a name, a figure) keeps its margin, whereas
/// RRF reduces it to a rank. Re-measure with <see cref="RetrievalEvaluator"/> when the knowledge base grows.
/// </remarks>
public sealed class HybridKnowledgeSearch : IKnowledgeSearch, IDisposable
{
    // RRF's customary constant: damps the head of each list so agreement between rankers beats a single top rank.
    private const double RrfK = 60;

    // Share of the dense score in weighted fusion (see the measurements above).
    private const double DenseWeight = 0.5;

    // How deep each ranker looks before fusion.
    private const int CandidateDepth = 50;

    // At most this many chunks per article in the top results (the best-ranked article excepted; see Diversify), unless
    // too few articles match to fill them.
    private const int MaxPerDocument = 2;

    private readonly IKnowledgeIndex _index;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly QueryAnalyzer _analyzer;
    private readonly FusionMethod _defaultFusion;
    private readonly ILogger<HybridKnowledgeSearch> _logger;
    private readonly string _modelId;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private DenseSnapshot? _snapshot;

    public HybridKnowledgeSearch(
        IKnowledgeIndex index,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        ChineseSegmenter segmenter,
        BilingualGlossary glossary,
        IOptions<KnowledgeOptions> options,
        ILogger<HybridKnowledgeSearch> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _index = index;
        _generator = generator;
        _analyzer = new QueryAnalyzer(segmenter, glossary);
        _defaultFusion = options.Value.Fusion;
        _logger = logger;
        _modelId = EmbeddingModel.IdOf(generator);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Passage>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Query) || request.Top <= 0)
        {
            return [];
        }

        var top = Math.Min(request.Top, 50);
        var snapshot = await GetSnapshotAsync(cancellationToken);
        var filter = new KnowledgeFilter(request.From, request.To, request.Tags);
        var analyzed = _analyzer.Analyze(request.Query, snapshot.Vocabulary, snapshot.Abbreviations);
        if (analyzed.Corrections.Count > 0 || analyzed.Expansions.Count > 0)
        {
            _logger.LogDebug(
                "Query '{Query}': expanded with [{Expansions}], corrected [{Corrections}]",
                request.Query,
                string.Join(", ", analyzed.Expansions),
                string.Join(", ", analyzed.Corrections.Select(c => $"{c.Key}→{c.Value}")));
        }

        IReadOnlyList<(string ChunkId, double Score)> keyword = [];
        if (request.Mode != SearchMode.Dense)
        {
            var hits = await _index.KeywordSearchAsync(analyzed.KeywordTerms, filter, CandidateDepth, cancellationToken);
            keyword = hits.Select(h => (h.ChunkId, h.Score)).ToList();
        }

        IReadOnlyList<(string ChunkId, double Score)> dense = [];
        ReadOnlyMemory<float> queryVector = default;
        if (request.Mode != SearchMode.Keyword && snapshot.EmbeddedCount > 0)
        {
            var embeddings = await _generator.GenerateAsync([analyzed.DenseText], cancellationToken: cancellationToken);
            queryVector = embeddings[0].Vector;
            dense = snapshot.Search(queryVector.Span, filter, CandidateDepth)
                .Select(d => (d.Chunk.ChunkId, d.Score))
                .ToList();
        }

        var fused = request.Mode switch
        {
            SearchMode.Keyword => keyword,
            SearchMode.Dense => dense,
            _ => (request.Fusion ?? _defaultFusion) == FusionMethod.Weighted ? Weighted(keyword, dense) : Rrf(keyword, dense),
        };

        // Sentence vectors are not held in memory: they are read for the passages returned, and only when scored.
        var chosen = Diversify(fused, snapshot, top);
        var sentenceVectors = queryVector.IsEmpty ? null : await SentenceVectorsAsync(snapshot, chosen, cancellationToken);
        return chosen
            .Select(f => ToPassage(snapshot, f.ChunkId, f.Score, queryVector, sentenceVectors))
            .OfType<Passage>()
            .ToList();
    }

    /// <summary>Empties the cache of sentence vectors (the bench, to time searches whose passages are read from the index).</summary>
    internal void ClearSentenceVectorCache() => _snapshot?.SentenceVectors.Clear();

    /// <summary>The chosen chunks' sentence vectors: those the snapshot's cache holds, the others read from the index (and kept).</summary>
    private async Task<IReadOnlyDictionary<string, float[]>> SentenceVectorsAsync(DenseSnapshot snapshot, List<(string ChunkId, double Score)> chosen, CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        List<string>? missing = null;
        foreach (var (chunkId, _) in chosen)
        {
            if (snapshot.SentenceVectors.TryGet(chunkId, out var cached))
            {
                vectors[chunkId] = cached;
            }
            else
            {
                (missing ??= []).Add(chunkId);
            }
        }

        if (missing is not null)
        {
            foreach (var (chunkId, read) in await _index.GetSentenceVectorsAsync(missing, _modelId, cancellationToken))
            {
                vectors[chunkId] = read;
                snapshot.SentenceVectors.Add(chunkId, read);
            }
        }

        return vectors;
    }

    /// <summary>Reloads the in-memory vectors now rather than on the next search.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default) =>
        await GetSnapshotAsync(cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _reloadGate.Dispose();

    internal static List<(string ChunkId, double Score)> Rrf(
        IReadOnlyList<(string ChunkId, double Score)> keyword,
        IReadOnlyList<(string ChunkId, double Score)> dense)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var list in new[] { keyword, dense })
        {
            for (var rank = 0; rank < list.Count; rank++)
            {
                scores[list[rank].ChunkId] = scores.GetValueOrDefault(list[rank].ChunkId) + (1.0 / (RrfK + rank + 1));
            }
        }

        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value)).ToList();
    }

    internal static List<(string ChunkId, double Score)> Weighted(
        IReadOnlyList<(string ChunkId, double Score)> keyword,
        IReadOnlyList<(string ChunkId, double Score)> dense)
    {
        // BM25 has no fixed scale, so it is divided by the best score of this query; cosine is already in [-1, 1].
        var maxKeyword = keyword.Count == 0 ? 1 : Math.Max(keyword.Max(k => k.Score), 1e-9);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (chunkId, score) in keyword)
        {
            scores[chunkId] = (1 - DenseWeight) * (score / maxKeyword);
        }

        foreach (var (chunkId, score) in dense)
        {
            scores[chunkId] = scores.GetValueOrDefault(chunkId) + (DenseWeight * Math.Max(score, 0));
        }

        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value)).ToList();
    }

    private static List<(string ChunkId, double Score)> Diversify(IReadOnlyList<(string ChunkId, double Score)> ranked, DenseSnapshot snapshot, int top) =>
        Diversify(ranked, id => snapshot.ChunkIndex.TryGetValue(id, out var index) ? snapshot.Chunks[index].DocumentId : null, top);

    /// <summary>
    /// The best <paramref name="top"/> chunks with at most <see cref="MaxPerDocument"/> from any one article, except the
    /// best-ranked article, which may fill up to half the places: it is the likeliest to hold the answer, and a list or a
    /// comparison often needs more of it than two chunks (short news articles are three or four). When too few articles
    /// match to fill the places, the rest go to further chunks, best first.
    /// </summary>
    /// <param name="ranked">Fused chunks, best first.</param>
    /// <param name="documentOf">A chunk's article, or null when the chunk is no longer indexed (it is skipped).</param>
    /// <param name="top">Chunks to return.</param>
    internal static List<(string ChunkId, double Score)> Diversify(IReadOnlyList<(string ChunkId, double Score)> ranked, Func<string, string?> documentOf, int top)
    {
        var chosen = new List<(string ChunkId, double Score)>(top);
        var skipped = new List<(string ChunkId, double Score)>();
        var perDocument = new Dictionary<string, int>(StringComparer.Ordinal);
        string? leading = null;
        foreach (var item in ranked)
        {
            if (chosen.Count == top)
            {
                break;
            }

            if (documentOf(item.ChunkId) is not { } documentId)
            {
                continue;
            }

            leading ??= documentId;
            var count = perDocument.GetValueOrDefault(documentId);
            if (count < (documentId == leading ? Math.Max(MaxPerDocument, top / 2) : MaxPerDocument))
            {
                chosen.Add(item);
                perDocument[documentId] = count + 1;
            }
            else
            {
                skipped.Add(item);
            }
        }

        chosen.AddRange(skipped.Take(top - chosen.Count));
        return chosen;
    }

    private static Passage? ToPassage(
        DenseSnapshot snapshot,
        string chunkId,
        double score,
        ReadOnlyMemory<float> query,
        IReadOnlyDictionary<string, float[]>? sentenceVectors)
    {
        if (!snapshot.ChunkIndex.TryGetValue(chunkId, out var index))
        {
            return null;
        }

        var chunk = snapshot.Chunks[index];
        var document = snapshot.Documents[chunk.DocumentId];
        return new Passage(chunk.ChunkId, document.Id, document.Title, document.Url, document.Publisher, document.Published, chunk.Section, chunk.Text, score)
        {
            Sentences = query.IsEmpty ? [] : snapshot.Sentences(index, query.Span, sentenceVectors?.GetValueOrDefault(chunkId)),
        };
    }

    private async Task<DenseSnapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var version = await _index.GetVersionAsync(cancellationToken);
        var current = _snapshot;
        if (current is not null && current.Version == version)
        {
            return current;
        }

        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            current = _snapshot;
            if (current is not null && current.Version == version)
            {
                return current;
            }

            // Read the version first: a write landing during the load bumps it again, so the next search reloads.
            var documents = await _index.ListDocumentsAsync(cancellationToken);
            current = await DenseSnapshot.LoadAsync(version, documents, _index.StreamChunksAsync(_modelId, cancellationToken), cancellationToken);
            _snapshot = current;
            _logger.LogInformation(
                "Loaded {Chunks} chunks ({Embedded} with {Model} vectors) from {Documents} documents into the search index",
                current.Chunks.Count,
                current.EmbeddedCount,
                _modelId,
                documents.Count);
            return current;
        }
        finally
        {
            _reloadGate.Release();
        }
    }
}
