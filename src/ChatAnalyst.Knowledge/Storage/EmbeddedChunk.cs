namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// A stored chunk with its vector, when one exists for the requested model, and the vectors of its sentences
/// (one after another in <see cref="SentenceVectors"/>, null when none were stored).
/// </summary>
public sealed record EmbeddedChunk(string ChunkId, string DocumentId, int Ordinal, string? Section, string Text, float[]? Vector, float[]? SentenceVectors = null);
