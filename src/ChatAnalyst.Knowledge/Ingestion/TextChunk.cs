namespace ChatAnalyst.Knowledge.Ingestion;

/// <summary>One chunk of a document, ready to index.</summary>
/// <param name="Ordinal">Position of the chunk in its document, from 0.</param>
/// <param name="Section">Heading the chunk sits under, when any.</param>
/// <param name="Text">The chunk text as shown to users and the model.</param>
/// <param name="IndexText">The chunk with its context, <c>title — section: text</c>: what is embedded whole when the text has no sentence of its own.</param>
/// <param name="Context">The <c>title — section</c> part of <paramref name="IndexText"/>, embedded on its own and pooled into the chunk's vector.</param>
public sealed record TextChunk(int Ordinal, string? Section, string Text, string IndexText, string Context);
