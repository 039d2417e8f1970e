namespace ChatAnalyst.Knowledge.Ingestion;

/// <summary>Incremental ingestion of article folders into the knowledge index.</summary>
public interface IIngestionService
{
    /// <summary>
    /// Brings the index in line with the folders: new files are added, changed ones re-indexed,
    /// deleted ones removed, unchanged ones skipped (by content hash). Running it twice changes nothing.
    /// </summary>
    Task<IngestionSummary> IngestAsync(
        IReadOnlyList<string> folders,
        IProgress<IngestionProgress>? progress = null,
        CancellationToken cancellationToken = default);
}
