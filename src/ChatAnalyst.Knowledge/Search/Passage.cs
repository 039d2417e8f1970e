namespace ChatAnalyst.Knowledge.Search;

/// <summary>A retrieved chunk of an article with everything needed to cite it.</summary>
/// <param name="ChunkId">Stable id of the chunk (document id + ordinal).</param>
/// <param name="DocumentId">Path of the article relative to its source folder, e.g. <c>00-china-core-ai-industry-2025.md</c>.</param>
/// <param name="Title">Article title.</param>
/// <param name="Url">Article URL (front matter <c>source</c>), or a file URI when the article has none.</param>
/// <param name="Publisher">Publisher, when known.</param>
/// <param name="Published">Publication date, when known.</param>
/// <param name="Section">Heading of the section the chunk sits under, when any.</param>
/// <param name="Text">The chunk text.</param>
/// <param name="Score">Fused relevance score; higher is better. Comparable only within one result list.</param>
public sealed record Passage(
    string ChunkId,
    string DocumentId,
    string Title,
    string Url,
    string? Publisher,
    DateOnly? Published,
    string? Section,
    string Text,
    double Score)
{
    /// <summary>The passage's sentences in order, each scored against the query; empty when the search ran no dense ranker.</summary>
    public IReadOnlyList<ScoredSentence> Sentences { get; init; } = [];
}
