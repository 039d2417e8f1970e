using ChatAnalyst.Knowledge.Ingestion;

namespace ChatAnalyst.Tests.Knowledge;

/// <summary>Records the pipeline notifications a later step (figure extraction) would receive.</summary>
internal sealed class RecordingHandler : IDocumentIndexedHandler
{
    public List<string> Events { get; } = [];

    public List<IndexedDocument> Indexed { get; } = [];

    public Task OnDocumentIndexedAsync(IndexedDocument document, CancellationToken cancellationToken)
    {
        Events.Add("indexed " + document.DocumentId);
        Indexed.Add(document);
        return Task.CompletedTask;
    }

    public Task OnDocumentRemovedAsync(string documentId, CancellationToken cancellationToken)
    {
        Events.Add("removed " + documentId);
        return Task.CompletedTask;
    }
}
