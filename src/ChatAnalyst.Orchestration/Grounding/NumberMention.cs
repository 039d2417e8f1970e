namespace ChatAnalyst.Orchestration.Grounding;

/// <summary>A number found in text, with every value it can stand for (as written, and scaled by its word: 1 trillion = 1e12).</summary>
public sealed record NumberMention(string Text, IReadOnlyList<decimal> Values);
