using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Indicators;

namespace ChatAnalyst.Orchestration.Offline;

/// <summary>
/// The indicators a chart request names, one search text each, so that every one of them is looked up and charted
/// rather than only the best match for the whole sentence. "Chart A and B growth" names "A growth" and "B growth":
/// words that close the last name and that an earlier, shorter name lacks are read as shared by it.
/// </summary>
public static partial class ChartSubjects
{
    /// <summary>Words a shorter name may borrow from the end of the last one.</summary>
    private const int SharedTail = 2;

    /// <summary>The named subjects, in the order given; empty when the request names fewer than two.</summary>
    public static IReadOnlyList<string> Of(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = question;
        var periods = PeriodPhraseParser.FindAll(text);
        for (var i = periods.Count - 1; i >= 0; i--)
        {
            text = text.Remove(periods[i].Index, periods[i].Length).Insert(periods[i].Index, " ");
        }

        text = Request().Replace(Years().Replace(text, " ").Trim(), string.Empty);
        var parts = Separator().Split(text)
            .Select(p => Edges().Replace(p, string.Empty).Trim())
            .Where(p => p.Any(char.IsLetter))
            .ToList();
        if (parts.Count < 2)
        {
            return [];
        }

        var last = parts[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Select((part, i) => i == parts.Count - 1 ? part : WithSharedTail(part, last)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static string WithSharedTail(string part, string[] last)
    {
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length >= last.Length || part.Any(c => c > '\u2fff'))
        {
            return part;
        }

        var borrowed = last.Skip(Math.Max(words.Length, last.Length - SharedTail))
            .Where(w => !words.Contains(w, StringComparer.OrdinalIgnoreCase));
        return string.Join(' ', words.Concat(borrowed));
    }

    // The request itself ("chart", "plot the", "show me a chart of") is not part of any name.
    [GeneratedRegex(@"^(please\s+|can you\s+|could you\s+)?(chart|plot|graph|draw|visuali[sz]e|show(\s+me)?)(\s+(a|an|the))?(\s+(chart|graph|plot|trend)s?)?(\s+(of|for|showing|comparing))?\s+|画图|图表|画出|作图|绘制", RegexOptions.IgnoreCase)]
    private static partial Regex Request();

    // Years the period parser leaves, as in "from 2020 to 2024", with the word that introduces each.
    [GeneratedRegex(@"(?:\b(?:from|since|in|for|between|during|over|through|to|until|and)\s+)?\b(?:19|20)\d{2}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Years();

    [GeneratedRegex(@"\s*(?:\b(?:and|vs\.?|versus|against|compared (?:with|to))\b|[,;]|以及|和|与|及|、|对比)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Separator();

    // Leftovers at either end of a name: articles, prepositions of the removed periods, punctuation.
    [GeneratedRegex(@"^(\s*\b(the|of|in|for|from|to|since|over|during|between)\b)+|(\b(in|for|from|to|since|over|during|between|the)\b\s*)+$|[?？.。!！:：]+", RegexOptions.IgnoreCase)]
    private static partial Regex Edges();
}
