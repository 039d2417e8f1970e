namespace ChatAnalyst.Orchestration.Evidence;

/// <summary>
/// The result every ChatAnalyst plugin function returns. Expected failures (nothing found, unknown
/// indicator, bad period) are a <see cref="Message"/> for the model, not an exception.
/// </summary>
/// <param name="Function">The function that produced it, e.g. <c>search_articles</c>.</param>
/// <param name="Items">What was found, best first.</param>
/// <param name="Message">A plain sentence for the model when nothing (or something partial) was found.</param>
/// <param name="Chart">A rendered chart, for <c>chart_indicators</c>.</param>
public sealed record ToolEvidence(string Function, IReadOnlyList<EvidenceItem> Items, string? Message = null, ChartImage? Chart = null)
{
    public static ToolEvidence Empty(string function, string message) => new(function, [], message);
}

/// <summary>A rendered chart: PNG bytes plus what the card's facts table shows.</summary>
public sealed record ChartImage(string Title, byte[] Png, int Width, int Height, IReadOnlyList<KeyValuePair<string, string>> Facts);
