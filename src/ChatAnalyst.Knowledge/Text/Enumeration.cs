namespace ChatAnalyst.Knowledge.Text;

/// <summary>
/// Reads the enumeration a sentence makes ("A, B, C and D"; "A、B和C"): how many items the longest run of short,
/// comma-separated phrases closed by "and"/"or" holds. A sentence that is long only because of its clauses
/// ("On May 3, 2025, the ministry, the regulator, said…") is no list.
/// </summary>
public static class Enumeration
{
    /// <summary>An item of a list is a short phrase: at most this many words.</summary>
    private const int MaxItemWords = 6;

    private static readonly char[] SegmentBreaks = [';', ':', '—', '–', '(', ')'];

    /// <summary>The number of items of the sentence's longest enumeration; 0 when it makes none.</summary>
    public static int Items(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var best = ChineseItems(sentence);
        foreach (var segment in sentence.Split(SegmentBreaks, StringSplitOptions.RemoveEmptyEntries))
        {
            best = Math.Max(best, EnglishItems(segment.Trim().TrimEnd('.')));
        }

        return best;
    }

    private static int EnglishItems(string segment)
    {
        var parts = segment.Split(", ", StringSplitOptions.TrimEntries);
        var best = 0;
        for (var last = parts.Length - 1; last >= 0; last--)
        {
            var closing = Closing(parts[last]);
            if (closing == 0)
            {
                continue;
            }

            // Short phrases before the closing "X and Y"; the phrase before them ends in the first item.
            var count = closing;
            var i = last - 1;
            for (; i >= 0 && Words(parts[i]) <= MaxItemWords; i--)
            {
                count++;
            }

            if (count > closing && i >= 0)
            {
                count++;
            }

            best = Math.Max(best, count > closing ? count : 0);
        }

        return best;
    }

    /// <summary>How many items the closing phrase holds: 2 for "X and Y", 1 for "and Y" after an Oxford comma, 0 for neither.</summary>
    private static int Closing(string part)
    {
        if (part.StartsWith("and ", StringComparison.Ordinal) || part.StartsWith("or ", StringComparison.Ordinal))
        {
            return Words(part) <= MaxItemWords + 1 ? 1 : 0;
        }

        foreach (var joiner in (string[])[" and ", " or "])
        {
            var at = part.LastIndexOf(joiner, StringComparison.Ordinal);
            if (at > 0 && Words(part[..at]) <= MaxItemWords && Words(part[(at + joiner.Length)..]) <= MaxItemWords)
            {
                return 2;
            }
        }

        return 0;
    }

    private static int ChineseItems(string sentence)
    {
        var best = 0;
        foreach (var clause in sentence.Split(['，', '。', '；', '：'], StringSplitOptions.RemoveEmptyEntries))
        {
            var items = clause.Count(c => c == '、');
            best = Math.Max(best, items >= 1 ? items + 1 + (clause.Contains('和', StringComparison.Ordinal) || clause.Contains('及', StringComparison.Ordinal) ? 1 : 0) : 0);
        }

        return best;
    }

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
