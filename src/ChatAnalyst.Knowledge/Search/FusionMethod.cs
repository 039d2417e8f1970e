namespace ChatAnalyst.Knowledge.Search;

/// <summary>How the keyword and dense rankings are combined in hybrid search.</summary>
public enum FusionMethod
{
    /// <summary>Reciprocal rank fusion: sum of 1/(k + rank) over both rankings; ignores raw score scales.</summary>
    Rrf,

    /// <summary>Weighted sum of the max-normalised BM25 score and the cosine similarity.</summary>
    Weighted,
}
