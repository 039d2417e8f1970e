namespace ChatAnalyst.Knowledge.Search;

/// <summary>Scores of one query style within a mode.</summary>
public sealed record RetrievalStyleScore(string Style, int Queries, double RecallAt1, double RecallAt5, double Mrr);
