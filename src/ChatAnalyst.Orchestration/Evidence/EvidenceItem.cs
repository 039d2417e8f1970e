using System.Text.Json.Serialization;

namespace ChatAnalyst.Orchestration.Evidence;

/// <summary>
/// One thing a tool found. <see cref="Ref"/> is the citation number, assigned per turn by the
/// <see cref="CitationLedger"/> so that every tool result and the final answer agree on <c>[n]</c>.
/// </summary>
public sealed record EvidenceItem(
    EvidenceKind Kind,
    SourceInfo Source,
    string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FigureFact? Figure = null)
{
    /// <summary>Citation number within the turn; 0 until the ledger assigns it.</summary>
    public int Ref { get; init; }
}
