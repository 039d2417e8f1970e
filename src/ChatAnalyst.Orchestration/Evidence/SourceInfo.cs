namespace ChatAnalyst.Orchestration.Evidence;

/// <summary>The article a piece of evidence comes from; one citation number per distinct <see cref="DocumentId"/>.</summary>
public sealed record SourceInfo(string DocumentId, string Title, string Url, string? Publisher, DateOnly? Published);
