namespace ChatAnalyst.Orchestration.Grounding;

/// <summary>Whether an answer passed the grounding guard, and if not, why.</summary>
public sealed record GroundingVerdict(IReadOnlyList<string> Problems)
{
    public bool IsGrounded => Problems.Count == 0;
}
