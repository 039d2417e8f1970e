namespace ChatAnalyst.Orchestration.Evidence;

/// <summary>What a piece of evidence is: a passage of prose or a structured figure.</summary>
public enum EvidenceKind
{
    Passage,
    Figure,
}
