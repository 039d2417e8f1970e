namespace ChatAnalyst.Knowledge.Ingestion;

/// <summary>What one ingestion run did.</summary>
public sealed record IngestionSummary(
    int Added,
    int Updated,
    int Unchanged,
    int Removed,
    int Failed,
    int Chunks,
    TimeSpan Elapsed,
    IReadOnlyList<IngestionWarning> Warnings);

/// <summary>A file that could not be ingested, and why. The run continues past it.</summary>
public sealed record IngestionWarning(string File, string Reason);

/// <summary>Progress of an ingestion run, reported once per file.</summary>
public sealed record IngestionProgress(int Done, int Total, string CurrentFile);
