namespace ChatAnalyst.Knowledge.Storage;

/// <summary>A stored chunk with its vector, when one exists for the requested model.</summary>
public sealed record EmbeddedChunk(string ChunkId, string DocumentId, int Ordinal, string? Section, string Text, float[]? Vector);
