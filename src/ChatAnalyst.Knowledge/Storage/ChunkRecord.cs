namespace ChatAnalyst.Knowledge.Storage;

/// <summary>A chunk to store.</summary>
/// <param name="ChunkId">Stable id: document id + '#' + ordinal.</param>
/// <param name="Ordinal">Position in the document, from 0.</param>
/// <param name="Section">Heading the chunk sits under, when any.</param>
/// <param name="Text">Display text.</param>
/// <param name="Embedding">Normalised vector of the chunk's index text.</param>
/// <param name="SentenceEmbeddings">
/// Normalised vectors of the chunk's sentences (<see cref="Text.SentenceSplitter.SplitText"/> of <paramref name="Text"/>),
/// one after another in one array; empty when the sentences were not embedded.
/// </param>
public sealed record ChunkRecord(string ChunkId, int Ordinal, string? Section, string Text, ReadOnlyMemory<float> Embedding, ReadOnlyMemory<float> SentenceEmbeddings = default);
