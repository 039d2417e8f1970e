namespace ChatAnalyst.Knowledge.Search;

/// <summary>What <see cref="QueryAnalyzer"/> made of a query.</summary>
/// <param name="KeywordTerms">Plain terms for the BM25 query (any may match).</param>
/// <param name="DenseText">Text to embed for dense search: the query with glossary translations prepended.</param>
/// <param name="Expansions">English glossary terms found for Chinese words in the query.</param>
/// <param name="Corrections">Typo corrections applied (query word → indexed word).</param>
internal sealed record AnalyzedQuery(
    IReadOnlyList<string> KeywordTerms,
    string DenseText,
    IReadOnlyList<string> Expansions,
    IReadOnlyList<KeyValuePair<string, string>> Corrections);
