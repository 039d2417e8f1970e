using System.Text.RegularExpressions;

namespace ChatAnalyst.Knowledge.Text;

/// <summary>Light-weight term handling for the offline model: tokens, stop words, crude stemming, CJK detection.</summary>
public static partial class TextTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "by", "with", "from", "at", "as", "is", "are", "was",
        "were", "be", "been", "did", "do", "does", "what", "which", "who", "whom", "how", "much", "many", "big", "large",
        "it", "its", "this", "that", "these", "those", "there", "their", "they", "about", "tell", "me", "us", "please",
        "can", "could", "would", "should", "you", "your", "i", "my", "we", "our", "give", "show", "say", "said", "know",
        "than", "vs", "versus", "compared", "compare", "between", "any", "some", "get", "got", "has", "have", "had",
        "latest", "recent", "figure", "figures", "number", "numbers", "data", "stat", "stats", "value", "level",
        "china", "china's", "chinese", "s", "also", "then", "so", "just", "like", "kind", "sort", "exactly", "approximately",
        "year", "years", "period", "when", "where", "why", "whats", "what's", "hows", "up", "out", "over", "into",
        "date", "day", "time", "month", "months", "give", "tell", "according", "did", "does", "doe", "wa", "ha",
    };

    /// <summary>True for a word that carries no subject ("the", "in", "year").</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>True when the text contains Chinese characters.</summary>
    public static bool IsChinese(string text) => Cjk().IsMatch(text);

    /// <summary>
    /// Spellings that mean the same subject, folded to one before matching. They are data
    /// (<c>knowledge/synonyms.csv</c>, <c>from,to</c>, shipped beside the binaries), not code; a missing file folds nothing.
    /// </summary>
    public static IReadOnlyList<(string From, string To)> SynonymPairs { get; } = LoadSynonyms(Path.Combine(AppContext.BaseDirectory, "knowledge", "synonyms.csv"));

    private static readonly (string From, Regex Pattern, string To)[] Synonyms =
        SynonymPairs.Select(p => (p.From, new Regex(@"\b" + Regex.Escape(p.From) + @"\b", RegexOptions.Compiled | RegexOptions.CultureInvariant), p.To)).ToArray();

    /// <summary>Reads <c>from,to</c> pairs (header row first; blank lines skipped), longest first so phrases fold before their words.</summary>
    public static IReadOnlyList<(string From, string To)> LoadSynonyms(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        return File.ReadLines(path)
            .Skip(1)
            .Select(l => l.Split(',', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2 && p[0].Length > 0 && p[1].Length > 0)
            .Select(p => (From: p[0].ToLowerInvariant(), To: p[1].ToLowerInvariant()))
            .OrderByDescending(p => p.From.Length)
            .ToList();
    }

    /// <summary>Lower-case text with synonyms folded (see <see cref="SynonymPairs"/>).</summary>
    public static string Fold(string text)
    {
        var lower = text.ToLowerInvariant();
        foreach (var (from, pattern, to) in Synonyms)
        {
            // A substring test first: most texts contain none of the synonyms, and it is far cheaper than the regex.
            if (lower.Contains(from, StringComparison.Ordinal))
            {
                lower = pattern.Replace(lower, to);
            }
        }

        return lower;
    }

    /// <summary>Lower-case content terms (stop words removed, plural/verb endings trimmed), in order.</summary>
    public static IReadOnlyList<string> ContentTerms(string text) =>
        Word().Matches(Fold(text))
            .Select(m => m.Value.Trim('\'', '-', '.'))
            .Select(w => w.EndsWith("'s", StringComparison.Ordinal) ? w[..^2] : w)
            .Where(w => w.Length > 1 && !StopWords.Contains(w))
            .Select(Stem)
            .Distinct()
            .ToList();

    /// <summary>Trims common English endings so "grew"/"growth"/"growing" and "stations"/"station" meet.</summary>
    public static string Stem(string word)
    {
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            return word[..^3];
        }

        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        if (word.Length > 5 && word.EndsWith("ed", StringComparison.Ordinal) && !word.EndsWith("eed", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        return word;
    }

    /// <summary>Four-digit years (1990–2099) mentioned in the text.</summary>
    public static IReadOnlyList<int> Years(string text) =>
        Year().Matches(text).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"[a-z0-9][a-z0-9'&\-\.]*[a-z0-9]|[a-z0-9]")]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<!\d)(?:19[9]\d|20\d\d)(?!\d)")]
    private static partial Regex Year();
}
