namespace ChatAnalyst.Orchestration.Grounding;

/// <summary>
/// A number found in text, with every value it can stand for: as written, then scaled by its word when it has one
/// (1 trillion = 1e12). The last value is what the number means.
/// </summary>
public sealed record NumberMention(string Text, IReadOnlyList<decimal> Values)
{
    /// <summary>True for a day or month number written as part of a date ("24 May", "1—11月", "12月").</summary>
    public bool IsDatePart { get; init; }
}
