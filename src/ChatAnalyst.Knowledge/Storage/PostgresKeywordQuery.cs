namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// The keyword query of <see cref="PostgresKnowledgeIndex"/>. Each term becomes a <c>phraseto_tsquery</c> (plain text,
/// never query syntax; a multi-word term must match as a phrase), the terms are OR-ed, and matches are ranked with
/// <c>ts_rank</c>: title words count double (weight A = 1.0 against 0.5 for the section and body, as FTS5's
/// <c>bm25(…, 2.0, 1.0, 1.0)</c> weighs them in SQLite), divided by 1 + log(length) like BM25's length normalisation.
/// Only chunks holding one of the candidate terms are ranked (<see cref="KeywordCandidates"/>; <see cref="CountSql"/>
/// counts what it needs), every term counting in their rank.
/// Parameters: $1 terms, $2 from date, $3 to date (each null for none), $4 lower-case tags (empty for any), $5 limit,
/// $6 candidate terms.
/// </summary>
internal static class PostgresKeywordQuery
{
    public const string Sql = $"""
        WITH q AS ({AnyOf1}), candidates AS ({AnyOf6})
        SELECT c.id, c.document_id, ts_rank(ARRAY[0.5, 0.5, 0.5, 1.0]::real[], c.search, q.query, 1) AS rank
        FROM q CROSS JOIN candidates
        JOIN chunks c ON c.search @@ coalesce(candidates.query, q.query)
        JOIN documents d ON d.id = c.document_id
        WHERE ($2::date IS NULL OR d.published >= $2)
          AND ($3::date IS NULL OR d.published <= $3)
          AND (cardinality($4::text[]) = 0 OR EXISTS (SELECT 1 FROM unnest(d.tags) AS tag WHERE lower(tag) = ANY($4)))
        ORDER BY rank DESC, c.id COLLATE "C"
        LIMIT $5
        """;

    /// <summary>How many chunks hold each of the terms $1, in their order, counting no further than $2.</summary>
    public const string CountSql = $"""
        SELECT (SELECT count(*) FROM (SELECT 1 FROM chunks WHERE search @@ phraseto_tsquery('{PostgresKnowledgeSchema.TextSearch}', u.term) LIMIT $2) m)
        FROM unnest($1::text[]) WITH ORDINALITY AS u(term, n)
        ORDER BY u.n
        """;

    private const string AnyOf1 = $"""
        SELECT string_agg('(' || t::text || ')', ' | ')::tsquery AS query
        FROM (SELECT phraseto_tsquery('{PostgresKnowledgeSchema.TextSearch}', term) AS t FROM unnest($1::text[]) AS term) terms
        WHERE numnode(t) > 0
        """;

    private const string AnyOf6 = $"""
        SELECT string_agg('(' || t::text || ')', ' | ')::tsquery AS query
        FROM (SELECT phraseto_tsquery('{PostgresKnowledgeSchema.TextSearch}', term) AS t FROM unnest($6::text[]) AS term) terms
        WHERE numnode(t) > 0
        """;
}
