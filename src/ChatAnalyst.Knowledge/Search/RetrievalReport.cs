namespace ChatAnalyst.Knowledge.Search;

/// <summary>Retrieval quality on an evaluation set, per search mode.</summary>
/// <param name="Queries">Number of evaluated queries.</param>
/// <param name="Modes">One row per mode: keyword, dense, hybrid with each fusion method.</param>
/// <param name="DefaultMode">Name of the row that matches the configured search (hybrid with the configured fusion).</param>
/// <param name="Misses">Queries the default mode did not answer in its top 5.</param>
public sealed record RetrievalReport(
    int Queries,
    IReadOnlyList<RetrievalModeScore> Modes,
    string DefaultMode,
    IReadOnlyList<RetrievalMiss> Misses)
{
    /// <summary>The row of the configured search.</summary>
    public RetrievalModeScore Default => Modes.Single(m => m.Mode == DefaultMode);
}
