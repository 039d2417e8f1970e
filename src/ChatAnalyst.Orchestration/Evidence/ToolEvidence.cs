using System.Text.Json.Serialization;

namespace ChatAnalyst.Orchestration.Evidence;

/// <summary>
/// The result every ChatAnalyst plugin function returns. Expected failures (nothing found, unknown
/// indicator, bad period) are a <see cref="Message"/> for the model, not an exception.
/// </summary>
/// <param name="Function">The function that produced it, e.g. <c>search_articles</c>; not sent, the tool message already says.</param>
/// <param name="Items">What was found, best first.</param>
/// <param name="Message">A plain sentence for the model when nothing (or something partial) was found.</param>
/// <param name="Chart">A rendered chart, for <c>chart_indicators</c>.</param>
/// <remarks>
/// This record is also what the model reads (SK serializes it as the tool message), so absent values are left out
/// and nothing the model cannot use (image bytes, URLs) is written: every character is prompt tokens.
/// </remarks>
public sealed record ToolEvidence(
    [property: JsonIgnore] string Function,
    IReadOnlyList<EvidenceItem> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChartImage? Chart = null)
{
    /// <summary>
    /// Each source once per turn, for the model: items carry only their <see cref="EvidenceItem.Ref"/>, so a
    /// passage-heavy result does not repeat the same title and publisher on every item, and a source that an earlier
    /// result of the same turn already described (<see cref="SourcesShownEarlier"/>) is not described again.
    /// Null (left out) when every source was shown earlier.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SourceRef>? Sources
    {
        get
        {
            var sources = Items
                .Where(i => i.Ref > 0 && !SourcesShownEarlier.Contains(i.Ref))
                .GroupBy(i => i.Ref)
                .Select(g => new SourceRef(g.Key, g.First().Source))
                .ToList();
            return sources.Count == 0 ? null : sources;
        }
    }

    /// <summary>Citation numbers whose source an earlier tool result of this turn already described; set by the <see cref="CitationLedger"/>.</summary>
    [JsonIgnore]
    public IReadOnlySet<int> SourcesShownEarlier { get; init; } = new HashSet<int>();

    public static ToolEvidence Empty(string function, string message) => new(function, [], message);

    /// <summary>The same result for a model that cannot call another tool: series ids are left out of the items.</summary>
    public ToolEvidence WithoutSeriesIds() => this with { Items = Items.Select(i => i with { OmitsSeriesId = true }).ToList() };
}

/// <summary>A numbered source as the model sees it.</summary>
public sealed record SourceRef(int Ref, [property: JsonIgnore] SourceInfo Source)
{
    public string Title => Source.Title;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Publisher => Source.Publisher;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? Published => Source.Published;
}
