namespace ChatAnalyst.Knowledge.Ingestion;

/// <summary>
/// A later pipeline step that runs after a document's chunks are stored (for example figure extraction).
/// Implementations must be idempotent: a re-indexed document is first removed, then indexed again.
/// </summary>
public interface IDocumentIndexedHandler
{
    Task OnDocumentIndexedAsync(IndexedDocument document, CancellationToken cancellationToken);

    Task OnDocumentRemovedAsync(string documentId, CancellationToken cancellationToken);
}

/// <summary>A document as stored in the index.</summary>
public sealed record IndexedDocument(
    string DocumentId,
    string Title,
    string Url,
    string? Publisher,
    DateOnly? Published,
    IReadOnlyList<string> Tags,
    IReadOnlyList<IndexedChunk> Chunks);

/// <summary>One stored chunk of a document.</summary>
public sealed record IndexedChunk(string ChunkId, int Ordinal, string? Section, string Text);
