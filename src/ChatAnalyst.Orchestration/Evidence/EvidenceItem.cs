using System.Text.Json.Serialization;
using ChatAnalyst.Knowledge.Search;

namespace ChatAnalyst.Orchestration.Evidence;

/// <summary>
/// One thing a tool found. <see cref="Ref"/> is the citation number, assigned per turn by the
/// <see cref="CitationLedger"/> so that every tool result and the final answer agree on <c>[n]</c>.
/// </summary>
public sealed record EvidenceItem(
    [property: JsonIgnore] EvidenceKind Kind,
    [property: JsonIgnore] SourceInfo Source,
    string Text,
    [property: JsonIgnore] FigureFact? Figure = null)
{
    /// <summary>
    /// The series id, for the model to pass to the other indicator functions. The item's <see cref="Text"/> already
    /// states the figure with unit, period and status, so the structured <see cref="Figure"/> is not sent (tokens).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Indicator => Figure is { IndicatorId.Length: > 0 } f && !OmitsSeriesId ? f.IndicatorId : null;

    /// <summary>True when the model reading this item has no tool round left, so a series id would be of no use to it.</summary>
    [JsonIgnore]
    public bool OmitsSeriesId { get; init; }

    /// <summary>
    /// For a passage: its sentences, each with its similarity to the search query, for the offline reader. Not sent to
    /// a hosted model, which reads <see cref="Text"/>.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<ScoredSentence> Sentences { get; init; } = [];

    /// <summary>For a passage: where it sits in its article (the chunk's ordinal, from 0).</summary>
    [JsonIgnore]
    public int Position { get; init; }

    /// <summary>
    /// For a passage: its whole article as written, lower-case and with synonyms folded (<see cref="Plugins.ArticleTexts"/>), so the
    /// reader can tell whether the article names what the question names; empty when unknown. Never sent to a model.
    /// </summary>
    [JsonIgnore]
    public string ArticleText { get; init; } = string.Empty;

    /// <summary>Citation number within the turn; 0 until the ledger assigns it.</summary>
    public int Ref { get; init; }
}
