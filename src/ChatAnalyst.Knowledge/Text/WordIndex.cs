namespace ChatAnalyst.Knowledge.Text;

/// <summary>
/// A fixed set of words indexed for typo-tolerant lookups: by length, so a word within edit distance k is looked for
/// only among words whose length differs by at most k, and in ordinal order, so the words that extend a prefix are
/// one binary search away. Built once per vocabulary; lookups allocate only their results.
/// </summary>
public sealed class WordIndex
{
    private readonly HashSet<string> _words;
    private readonly Dictionary<int, string[]> _byLength;
    private readonly string[] _sorted;

    public WordIndex(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        _words = words.ToHashSet(StringComparer.Ordinal);
        _byLength = _words.GroupBy(w => w.Length).ToDictionary(g => g.Key, g => g.ToArray());
        _sorted = _words.Order(StringComparer.Ordinal).ToArray();
    }

    public int Count => _words.Count;

    public bool Contains(string word) => _words.Contains(word);

    /// <summary>The words within edit distance <paramref name="limit"/> of <paramref name="word"/>, the word itself included when present.</summary>
    public IEnumerable<string> WithinDistance(string word, int limit)
    {
        ArgumentNullException.ThrowIfNull(word);
        for (var length = Math.Max(0, word.Length - limit); length <= word.Length + limit; length++)
        {
            if (!_byLength.TryGetValue(length, out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                if (EditDistance.Compute(word, candidate, limit) <= limit)
                {
                    yield return candidate;
                }
            }
        }
    }

    /// <summary>The words that start with <paramref name="prefix"/>, the prefix itself included when it is a word.</summary>
    public IEnumerable<string> StartingWith(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var index = Array.BinarySearch(_sorted, prefix, StringComparer.Ordinal);
        for (var i = index >= 0 ? index : ~index; i < _sorted.Length && _sorted[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            yield return _sorted[i];
        }
    }
}
