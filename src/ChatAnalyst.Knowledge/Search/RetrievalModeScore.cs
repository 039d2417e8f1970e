namespace ChatAnalyst.Knowledge.Search;

/// <summary>
/// Document-level scores of one search mode. A query counts as a hit at k when any of its first k passages comes from
/// a relevant document; MRR uses the rank of the first such passage within the top 10 (0 when none).
/// </summary>
/// <param name="Mode">e.g. <c>keyword</c>, <c>dense</c>, <c>hybrid-rrf</c>, <c>hybrid-weighted</c>.</param>
/// <param name="RecallAt1">Share of queries whose first passage is from a relevant document.</param>
/// <param name="RecallAt5">Share of queries with a relevant document among the first five passages.</param>
/// <param name="Mrr">Mean reciprocal rank of the first relevant passage.</param>
/// <param name="MeanLatency">Mean time of one search, including the query embedding.</param>
/// <param name="ByStyle">The same scores per query style (keyword, paraphrase, zh, typo, ...).</param>
public sealed record RetrievalModeScore(
    string Mode,
    double RecallAt1,
    double RecallAt5,
    double Mrr,
    TimeSpan MeanLatency,
    IReadOnlyList<RetrievalStyleScore> ByStyle);
