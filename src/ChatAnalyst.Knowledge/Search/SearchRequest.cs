namespace ChatAnalyst.Knowledge.Search;

/// <summary>A knowledge-base query: free text in English or Chinese, with optional filters.</summary>
/// <param name="Query">What the user asked, or a rewritten form of it.</param>
/// <param name="Top">How many passages to return.</param>
/// <param name="From">Only articles published on or after this date.</param>
/// <param name="To">Only articles published on or before this date.</param>
/// <param name="Tags">Only articles carrying at least one of these tags.</param>
public sealed record SearchRequest(
    string Query,
    int Top = 5,
    DateOnly? From = null,
    DateOnly? To = null,
    IReadOnlyList<string>? Tags = null)
{
    /// <summary>Which rankers to use. Hybrid unless an evaluation asks for one ranker alone.</summary>
    public SearchMode Mode { get; init; } = SearchMode.Hybrid;

    /// <summary>Overrides the configured fusion method for this request (used by the retrieval evaluation).</summary>
    public FusionMethod? Fusion { get; init; }
}
