namespace ChatAnalyst.Knowledge.Search;

/// <summary>One sentence of a retrieved passage with its cosine similarity to the query's embedding.</summary>
/// <param name="Text">The sentence as it stands in the passage.</param>
/// <param name="Similarity">Cosine similarity to the query (normalised vectors), or 0 when no vector was stored.</param>
public sealed record ScoredSentence(string Text, double Similarity);
