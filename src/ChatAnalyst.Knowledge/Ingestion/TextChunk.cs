namespace ChatAnalyst.Knowledge.Ingestion;

/// <summary>One chunk of a document, ready to index.</summary>
/// <param name="Ordinal">Position of the chunk in its document, from 0.</param>
/// <param name="Section">Heading the chunk sits under, when any.</param>
/// <param name="Text">The chunk text as shown to users and the model.</param>
/// <param name="IndexText">What is embedded and keyword-indexed: <c>title — section: text</c>, so a chunk carries its context.</param>
public sealed record TextChunk(int Ordinal, string? Section, string Text, string IndexText);
