namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>A period named in text, and where: <see cref="Index"/> and <see cref="Length"/> locate the phrase.</summary>
public sealed record PeriodMention(Period Period, int Index, int Length);
