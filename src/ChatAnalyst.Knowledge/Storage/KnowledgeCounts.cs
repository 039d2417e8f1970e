namespace ChatAnalyst.Knowledge.Storage;

/// <summary>Size of the index.</summary>
public sealed record KnowledgeCounts(int Documents, int Chunks);
