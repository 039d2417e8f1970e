namespace ChatAnalyst.Knowledge.Storage;

/// <summary>A keyword match. <see cref="Score"/> is the back-end's positive relevance (BM25, <c>ts_rank</c>); higher is better.</summary>
public sealed record KeywordHit(string ChunkId, string DocumentId, double Score);
