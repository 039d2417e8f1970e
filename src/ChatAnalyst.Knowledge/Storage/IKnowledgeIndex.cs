using System.Runtime.CompilerServices;

namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// Persistent store of documents, chunks, chunk embeddings and the keyword index. Storage only: one implementation per
/// back-end (<see cref="SqliteKnowledgeIndex"/>, <see cref="PostgresKnowledgeIndex"/>), while fusion, dense search and
/// diversification are the shared <see cref="Search.HybridKnowledgeSearch"/>'s. Every write bumps
/// <see cref="GetVersionAsync"/> so in-memory views (the dense vectors) know when to reload.
/// </summary>
public interface IKnowledgeIndex
{
    /// <summary>Creates the schema when missing. Idempotent; other methods call it on first use.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>The document with this id, or null.</summary>
    Task<StoredDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>All documents, ordered by id.</summary>
    Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a document and replaces all of its chunks, embeddings and keyword entries atomically.</summary>
    Task UpsertDocumentAsync(StoredDocument document, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken = default);

    /// <summary>Removes a document with its chunks. Returns false when it was not stored.</summary>
    Task<bool> RemoveDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keyword search with the back-end's full-text relevance (FTS5's BM25, PostgreSQL's <c>ts_rank</c>; titles weigh
    /// double in both). <paramref name="terms"/> are plain words or phrases (never query syntax); a chunk matches when
    /// it holds any of them. Best first.
    /// </summary>
    Task<IReadOnlyList<KeywordHit>> KeywordSearchAsync(
        IReadOnlyList<string> terms,
        KnowledgeFilter filter,
        int limit,
        CancellationToken cancellationToken = default);

    /// <summary>All chunks, with their vector when it was produced by <paramref name="embeddingModel"/> (else null).</summary>
    Task<IReadOnlyList<EmbeddedChunk>> LoadChunksAsync(string embeddingModel, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same chunks as <see cref="LoadChunksAsync"/>, in the same order, with their vector but without their sentence
    /// vectors, handed over one at a time, so a caller that keeps less than the whole (the dense snapshot keeps int8
    /// copies of the chunk vectors) never holds every float vector at once. Sentence vectors are read with
    /// <see cref="GetSentenceVectorsAsync"/> for the few chunks a search returns. A back-end that cannot stream reads the
    /// whole list first.
    /// </summary>
    async IAsyncEnumerable<EmbeddedChunk> StreamChunksAsync(string embeddingModel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var chunk in await LoadChunksAsync(embeddingModel, cancellationToken))
        {
            yield return chunk.SentenceVectors is null ? chunk : chunk with { SentenceVectors = null };
        }
    }

    /// <summary>
    /// The sentence vectors of the chunks <paramref name="chunkIds"/> produced by <paramref name="embeddingModel"/>, by
    /// chunk id (one after another, as in <see cref="EmbeddedChunk.SentenceVectors"/>); chunks without any for that
    /// model, and unknown ids, are left out.
    /// </summary>
    Task<IReadOnlyDictionary<string, float[]>> GetSentenceVectorsAsync(
        IReadOnlyCollection<string> chunkIds,
        string embeddingModel,
        CancellationToken cancellationToken = default);

    /// <summary>The chunks of one document in order.</summary>
    Task<IReadOnlyList<EmbeddedChunk>> GetChunksAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>How many documents and chunks are stored.</summary>
    Task<KnowledgeCounts> GetCountsAsync(CancellationToken cancellationToken = default);

    /// <summary>A number that changes whenever documents or chunks change.</summary>
    Task<long> GetVersionAsync(CancellationToken cancellationToken = default);
}
