namespace ChatAnalyst.Orchestration.Evidence;

/// <summary>A numbered source of an answer: <c>[Number]</c> in the text points here.</summary>
public sealed record Citation(int Number, string DocumentId, string Title, string Url, string? Publisher, DateOnly? Published, string Passage);
