namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>A period named in text, and where: <see cref="Index"/> and <see cref="Length"/> locate the phrase.</summary>
/// <param name="Period">The period.</param>
/// <param name="Index">Start of the phrase in the text.</param>
/// <param name="Length">Length of the phrase.</param>
/// <param name="IsComparisonBase">
/// True when the text names it as a base or a date rather than the period a figure covers ("up 19% on 2023",
/// "higher than in November 2024", "data published in January 2025").
/// </param>
public sealed record PeriodMention(Period Period, int Index, int Length, bool IsComparisonBase = false);
