using ChatAnalyst.Knowledge.Ingestion;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// Ingestion step that extracts figures from every chunk of an indexed document and stores them linked to the
/// chunk and document. Idempotent: a document's figures are replaced as a whole each time it is indexed.
/// </summary>
public sealed class ExtractedFigureIndexer : IDocumentIndexedHandler
{
    private readonly FigureExtractor _extractor;
    private readonly IIndicatorStore _store;

    public ExtractedFigureIndexer(FigureExtractor extractor, IIndicatorStore store)
    {
        _extractor = extractor;
        _store = store;
    }

    /// <inheritdoc/>
    public async Task OnDocumentIndexedAsync(IndexedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var source = new IndicatorSource(document.DocumentId, document.Title, document.Url, document.Publisher, document.Published);

        // Notes state the period once in the title or a heading ("… January–November 2024") and then list bare figures.
        var documentPeriod = PeriodPhraseParser.FindFirst(document.Title);
        var figures = document.Chunks
            .SelectMany(chunk => _extractor
                .Extract(chunk.Text, PeriodPhraseParser.FindFirst(chunk.Section) ?? documentPeriod)
                .Select(f => new ExtractedFigure(document.DocumentId, chunk.ChunkId, source, f)))

            // Neighbouring chunks share a sentence (the chunker's overlap); its figures are stored once, with the first chunk.
            .DistinctBy(f => (f.Figure.Sentence, f.Figure.Value, f.Figure.Unit))
            .ToList();
        await _store.ReplaceExtractedFiguresAsync(document.DocumentId, figures, cancellationToken);
    }

    /// <inheritdoc/>
    public Task OnDocumentRemovedAsync(string documentId, CancellationToken cancellationToken) =>
        _store.RemoveExtractedFiguresAsync(documentId, cancellationToken);
}
