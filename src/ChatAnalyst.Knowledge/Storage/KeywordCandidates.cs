namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// Which query terms may bring a chunk into keyword search, the same rule in every back-end. A term found in more than
/// <see cref="CommonTermChunks"/> chunks is common: it still counts in the score of every chunk that matches, but on
/// its own it brings no chunk in, so only chunks holding at least one rarer term are ranked. Ranking costs per matching
/// chunk: at 100k generated chunks the OR of a bench question's terms matched about 60k chunks, and FTS5 took 58 ms to
/// rank them against 5 ms to count them. A chunk holding only common words scores low anyway, since BM25 weighs a term
/// by its rarity. When every term is common, or none is, every term brings chunks in, as before.
/// </summary>
internal static class KeywordCandidates
{
    /// <summary>
    /// Chunks a term may be in and still bring chunks in on its own. An absolute count, since the rule bounds the
    /// chunks ranked: an index this small or smaller is searched exactly as with no rule.
    /// </summary>
    public const int CommonTermChunks = 1_000;

    /// <summary>
    /// Splits <paramref name="terms"/> by <paramref name="chunkCounts"/> (each term's chunks, counted up to at least
    /// <paramref name="threshold"/> + 1) into the terms that bring chunks in and the common rest; the rest is empty when
    /// every term brings chunks in.
    /// </summary>
    public static (IReadOnlyList<string> Candidates, IReadOnlyList<string> Common) Split(IReadOnlyList<string> terms, IReadOnlyList<long> chunkCounts, int threshold)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(chunkCounts);
        if (terms.Count != chunkCounts.Count)
        {
            throw new ArgumentException("One count per term.", nameof(chunkCounts));
        }

        var rare = terms.Where((_, i) => chunkCounts[i] <= threshold).ToList();
        var common = terms.Where((_, i) => chunkCounts[i] > threshold).ToList();
        return rare.Count == 0 || common.Count == 0 ? (terms, []) : (rare, common);
    }
}
