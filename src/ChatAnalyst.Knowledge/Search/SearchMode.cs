namespace ChatAnalyst.Knowledge.Search;

/// <summary>Which rankers a search uses.</summary>
public enum SearchMode
{
    /// <summary>BM25 keyword ranking fused with dense vector ranking.</summary>
    Hybrid,

    /// <summary>BM25 over the full-text index only.</summary>
    Keyword,

    /// <summary>Cosine similarity over chunk embeddings only.</summary>
    Dense,
}
