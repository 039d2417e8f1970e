using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Orchestration.Evidence;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// One piece of evidence the reader may answer with: a sentence of a retrieved article (with the sentence before it
/// for context) or a curated indicator figure.
/// </summary>
/// <param name="Text">The sentence as it will be quoted (a leading dateline removed).</param>
/// <param name="Item">The evidence item it came from: source, citation number, figure.</param>
/// <param name="Previous">The sentence before it in the article, or empty.</param>
/// <param name="Similarity">Cosine similarity of the sentence to the query embedding; 0 when unknown.</param>
/// <param name="PassageRank">Rank of its passage in the search result (0 = best); figures rank after passages.</param>
/// <param name="Position">Order of the sentence within its article as far as the passages show (0 = the article's first).</param>
public sealed record ReaderCandidate(string Text, EvidenceItem Item, string Previous, double Similarity, int PassageRank, int Position)
{
    /// <summary>Periods the sentence covers, relative dates resolved against the article's publication date.</summary>
    public IReadOnlyList<Period> Periods { get; init; } = [];

    /// <summary>True when the sentence came only from the figure index, not from a retrieved passage.</summary>
    public bool FromFigureIndex { get; init; }

    /// <summary>The candidate is a curated indicator figure rather than a sentence.</summary>
    public bool IsCuratedFigure => Item.Figure is { IndicatorId.Length: > 0 };

    /// <summary>The article it comes from.</summary>
    public string DocumentId => Item.Source.DocumentId;
}
