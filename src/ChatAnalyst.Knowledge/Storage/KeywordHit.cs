namespace ChatAnalyst.Knowledge.Storage;

/// <summary>A keyword match. <see cref="Score"/> is positive BM25; higher is better.</summary>
public sealed record KeywordHit(string ChunkId, string DocumentId, double Score);
