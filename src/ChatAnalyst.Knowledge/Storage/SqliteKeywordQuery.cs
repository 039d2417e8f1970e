using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// The keyword query of <see cref="SqliteKnowledgeIndex"/>: FTS5's BM25 over the quoted terms (<see cref="FtsQuery"/>),
/// titles weighing double, best first. Chunks come in through <see cref="KeywordCandidates"/>: with common terms about,
/// two ranked queries run, one over chunks holding a rarer term and a common one (<c>(rare) AND (common)</c>, whose
/// phrases are every term, so each chunk gets the score the plain OR of every term would give it), one over chunks
/// holding a rarer term (<c>rare</c>, exact for chunks without a common term); each chunk keeps its better score. Each
/// ranked query keeps its best rows inside the full-text index, and only those are joined to their chunks.
/// </summary>
internal static class SqliteKeywordQuery
{
    // Title matches count double: a query naming an article's subject should find that article first.
    private const string Bm25 = "bm25(chunks_fts, 2.0, 1.0, 1.0)";

    public static async Task<IReadOnlyList<KeywordHit>> RunAsync(
        SqliteConnection connection,
        IReadOnlyList<string> terms,
        KnowledgeFilter filter,
        int limit,
        int commonTermChunks,
        CancellationToken cancellationToken,
        ConcurrentDictionary<string, long>? knownCounts = null)
    {
        var quoted = FtsQuery.Quoted(terms);
        if (quoted.Count == 0 || limit <= 0)
        {
            return [];
        }

        IReadOnlyList<long> counts = quoted.Count == 1 ? [0] : await CountAsync(connection, quoted, commonTermChunks, knownCounts, cancellationToken);
        var (candidates, common) = KeywordCandidates.Split(quoted, counts, commonTermChunks);
        var rare = string.Join(" OR ", candidates);
        string[] matches = common.Count == 0 ? [rare] : [$"({rare}) AND ({string.Join(" OR ", common)})", rare];

        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$limit", limit);
        var conditions = Conditions(command, filter);
        var ranked = new List<string>();
        for (var i = 0; i < matches.Length; i++)
        {
            var name = "$match" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, matches[i]);
            ranked.Add(filter.IsEmpty
                ? $"SELECT rowid AS seq, {Bm25} AS rank FROM chunks_fts WHERE chunks_fts MATCH {name} ORDER BY rank LIMIT $limit"
                : $"""
                  SELECT chunks_fts.rowid AS seq, {Bm25} AS rank FROM chunks_fts
                  JOIN chunks c ON c.seq = chunks_fts.rowid JOIN documents d ON d.id = c.document_id
                  WHERE chunks_fts MATCH {name}{conditions} ORDER BY rank LIMIT $limit
                  """);
        }

        var best = ranked.Count == 1
            ? ranked[0]
            : $"SELECT seq, min(rank) AS rank FROM ({string.Join(" UNION ALL ", ranked.Select(r => $"SELECT * FROM ({r})"))}) GROUP BY seq ORDER BY rank, seq LIMIT $limit";
        command.CommandText = $"""
            SELECT c.id, c.document_id, best.rank
            FROM ({best}) best
            JOIN chunks c ON c.seq = best.seq
            ORDER BY best.rank, best.seq
            """;
        var hits = new List<KeywordHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // FTS5's bm25() is negative with lower meaning better; flip it so every score in the app grows with relevance.
            hits.Add(new KeywordHit(reader.GetString(0), reader.GetString(1), -reader.GetDouble(2)));
        }

        return hits;
    }

    /// <summary>
    /// How many chunks hold each term, counting no further than <paramref name="threshold"/> + 1; terms in
    /// <paramref name="known"/> (counted before at the same content version) are not counted again, and new counts are
    /// added to it.
    /// </summary>
    private static async Task<IReadOnlyList<long>> CountAsync(SqliteConnection connection, IReadOnlyList<string> quoted, int threshold, ConcurrentDictionary<string, long>? known, CancellationToken cancellationToken)
    {
        SqliteCommand? command = null;
        SqliteParameter? term = null;
        try
        {
            var counts = new List<long>(quoted.Count);
            foreach (var match in quoted)
            {
                if (known is not null && known.TryGetValue(match, out var count))
                {
                    counts.Add(count);
                    continue;
                }

                if (command is null)
                {
                    command = connection.CreateCommand();
                    command.CommandText = "SELECT count(*) FROM (SELECT 1 FROM chunks_fts WHERE chunks_fts MATCH $term LIMIT $cap)";
                    term = command.Parameters.Add("$term", SqliteType.Text);
                    command.Parameters.AddWithValue("$cap", threshold + 1);
                }

                term!.Value = match;
                count = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
                known?.TryAdd(match, count);
                counts.Add(count);
            }

            return counts;
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>The filter as SQL conditions on <c>d</c> (documents), its values added to <paramref name="command"/>.</summary>
    private static string Conditions(SqliteCommand command, KnowledgeFilter filter)
    {
        var sql = new StringBuilder();
        if (filter.From is { } from)
        {
            sql.Append(" AND d.published >= $from");
            command.Parameters.AddWithValue("$from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (filter.To is { } to)
        {
            sql.Append(" AND d.published <= $to");
            command.Parameters.AddWithValue("$to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (filter.Tags is { Count: > 0 } tags)
        {
            var names = tags.Select((_, i) => "$tag" + i.ToString(CultureInfo.InvariantCulture)).ToList();
            sql.Append(CultureInfo.InvariantCulture, $" AND EXISTS (SELECT 1 FROM json_each(d.tags) t WHERE lower(t.value) IN ({string.Join(", ", names)}))");
            for (var i = 0; i < tags.Count; i++)
            {
                command.Parameters.AddWithValue(names[i], tags[i].ToLowerInvariant());
            }
        }

        return sql.ToString();
    }
}
