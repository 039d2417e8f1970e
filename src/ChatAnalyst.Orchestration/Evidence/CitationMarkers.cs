using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatAnalyst.Orchestration.Evidence;

/// <summary>Reads and rewrites the <c>[n]</c> citation markers of an answer.</summary>
public static partial class CitationMarkers
{
    /// <summary>Every citation number the text uses, in order of first mention, including ones inside "[1, 2]".</summary>
    public static IReadOnlyList<int> Numbers(string text)
    {
        var numbers = new List<int>();
        foreach (Match marker in Marker().Matches(text))
        {
            foreach (var part in marker.Groups["refs"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && !numbers.Contains(n))
                {
                    numbers.Add(n);
                }
            }
        }

        return numbers;
    }

    /// <summary>The text with its markers removed, for number checks.</summary>
    public static string Strip(string text) => Marker().Replace(text, string.Empty);

    /// <summary>
    /// Renumbers the cited sources 1..k in order of first mention and returns the matching citations.
    /// Markers pointing at no shown source are dropped (the grounding guard has already rejected model answers with them).
    /// </summary>
    public static (string Text, IReadOnlyList<Citation> Citations) Renumber(string text, CitationLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var map = new Dictionary<int, int>();
        var citations = new List<Citation>();
        foreach (var old in Numbers(text))
        {
            if (ledger.Find(old) is not { } source)
            {
                continue;
            }

            var number = citations.Count + 1;
            map[old] = number;
            // Everything shown under this source, so a reader (and the evaluator) can check every figure against it: an
            // extracted figure brings the article's sentence it was read from.
            var passage = string.Join("\n", ledger.ItemsFor(old)
                .SelectMany(i => i.Figure?.Sentence is { Length: > 0 } sentence ? [i.Text, sentence] : new[] { i.Text })
                .Distinct(StringComparer.Ordinal));
            citations.Add(new Citation(number, source.DocumentId, source.Title, source.Url, source.Publisher, source.Published, passage));
        }

        var rewritten = Marker().Replace(text, marker =>
        {
            var kept = marker.Groups["refs"].Value
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && map.TryGetValue(n, out var m) ? m : 0)
                .Where(m => m > 0)
                .Distinct()
                .Select(m => "[" + m.ToString(CultureInfo.InvariantCulture) + "]");
            return string.Concat(kept);
        });
        return (rewritten, citations);
    }

    [GeneratedRegex(@"\[(?<refs>\d{1,3}(?:\s*,\s*\d{1,3})*)\]")]
    private static partial Regex Marker();
}
