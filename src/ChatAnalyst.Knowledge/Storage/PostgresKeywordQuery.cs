namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// The keyword query of <see cref="PostgresKnowledgeIndex"/>. Each term becomes a <c>phraseto_tsquery</c> (plain text,
/// never query syntax; a multi-word term must match as a phrase), the terms are OR-ed, and matches are ranked with
/// <c>ts_rank</c>: title words count double (weight A = 1.0 against 0.5 for the section and body, as FTS5's
/// <c>bm25(…, 2.0, 1.0, 1.0)</c> weighs them in SQLite), divided by 1 + log(length) like BM25's length normalisation.
/// Parameters: $1 terms, $2 from date, $3 to date (each null for none), $4 lower-case tags (empty for any), $5 limit.
/// </summary>
internal static class PostgresKeywordQuery
{
    public const string Sql = $"""
        WITH q AS (
            SELECT string_agg('(' || t::text || ')', ' | ')::tsquery AS query
            FROM (SELECT phraseto_tsquery('{PostgresKnowledgeSchema.TextSearch}', term) AS t FROM unnest($1::text[]) AS term) terms
            WHERE numnode(t) > 0
        )
        SELECT c.id, c.document_id, ts_rank(ARRAY[0.5, 0.5, 0.5, 1.0]::real[], c.search, q.query, 1) AS rank
        FROM q
        JOIN chunks c ON c.search @@ q.query
        JOIN documents d ON d.id = c.document_id
        WHERE ($2::date IS NULL OR d.published >= $2)
          AND ($3::date IS NULL OR d.published <= $3)
          AND (cardinality($4::text[]) = 0 OR EXISTS (SELECT 1 FROM unnest(d.tags) AS tag WHERE lower(tag) = ANY($4)))
        ORDER BY rank DESC, c.id COLLATE "C"
        LIMIT $5
        """;
}
