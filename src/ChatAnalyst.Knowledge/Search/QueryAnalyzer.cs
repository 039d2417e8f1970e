using System.Text.RegularExpressions;

namespace ChatAnalyst.Knowledge.Search;

/// <summary>
/// Turns a user query into keyword terms and the text to embed: Chinese runs are segmented, glossary terms add
/// their English equivalents, question words are dropped, and words the index has never seen are corrected to the
/// nearest indexed word (edit distance 1, or 2 for long words) so a typo still finds its article.
/// </summary>
internal sealed partial class QueryAnalyzer
{
    private static readonly HashSet<string> EnglishStopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about", "as", "into", "over", "under",
        "and", "or", "but", "not", "no", "nor", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did",
        "has", "have", "had", "it", "its", "this", "that", "these", "those", "there", "their", "they", "them", "he", "she",
        "we", "you", "i", "me", "my", "our", "your", "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
        "much", "many", "any", "some", "can", "could", "would", "should", "will", "shall", "may", "might", "must", "than",
        "then", "so", "if", "also", "just", "tell", "please", "give", "show", "say", "said", "according", "s",
    };

    private static readonly HashSet<string> ChineseStopWords = new(StringComparer.Ordinal)
    {
        "的", "了", "是", "在", "和", "与", "及", "吗", "呢", "吧", "啊", "多少", "什么", "哪些", "哪个", "如何", "怎么", "怎样",
        "是否", "有", "有没有", "情况", "请问", "一下", "告诉", "我", "你", "们", "这", "那", "个", "年", "月", "日",
    };

    // Abbreviations people type but articles spell out; the full form is added next to the abbreviation.
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["jan"] = "january",
        ["feb"] = "february",
        ["mar"] = "march",
        ["apr"] = "april",
        ["jun"] = "june",
        ["jul"] = "july",
        ["aug"] = "august",
        ["sep"] = "september",
        ["sept"] = "september",
        ["oct"] = "october",
        ["nov"] = "november",
        ["dec"] = "december",
        ["yoy"] = "year",
        ["pct"] = "percent",
        ["bn"] = "billion",
        ["mn"] = "million",
        ["tn"] = "trillion",
        ["govt"] = "government",
        ["intl"] = "international",
        ["mfg"] = "manufacturing",
        ["q1"] = "first quarter",
        ["q2"] = "second quarter",
        ["q3"] = "third quarter",
        ["q4"] = "fourth quarter",
    };

    // A pasted page as a "query" must not become a thousand-term OR; the first terms carry the question.
    private const int MaxTerms = 64;

    private readonly ChineseSegmenter _segmenter;
    private readonly BilingualGlossary _glossary;

    public QueryAnalyzer(ChineseSegmenter segmenter, BilingualGlossary glossary)
    {
        _segmenter = segmenter;
        _glossary = glossary;
    }

    /// <summary>Lower-case Latin words and numbers of a text, as the vocabulary sees them.</summary>
    public static IEnumerable<string> LatinWords(string text) =>
        LatinWord().Matches(text).Select(m => m.Value.ToLowerInvariant());

    public AnalyzedQuery Analyze(string query, IReadOnlyDictionary<string, int> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(query);
        var expansions = _glossary.EnglishTermsIn(query);
        var terms = new List<string>();
        var corrections = new List<KeyValuePair<string, string>>();

        foreach (var word in LatinWords(query))
        {
            if (EnglishStopWords.Contains(word))
            {
                continue;
            }

            terms.Add(word);
            if (Abbreviations.TryGetValue(word, out var expanded))
            {
                terms.AddRange(expanded.Split(' '));
                continue;
            }

            if (vocabulary.Count > 0 && !vocabulary.ContainsKey(word) && Correct(word, vocabulary) is { } corrected)
            {
                terms.Add(corrected);
                corrections.Add(new(word, corrected));
            }
        }

        foreach (Match run in CjkRun().Matches(query))
        {
            terms.AddRange(_segmenter.Segment(run.Value).Where(w => !ChineseStopWords.Contains(w) && !(w.Length == 1 && IsCjk(w[0]))));
        }

        // Glossary expansions are phrases ("high-tech manufacturing"); their words join the OR query one by one so a
        // chunk that uses part of the phrase still scores.
        terms.AddRange(expansions.SelectMany(LatinWords).Where(w => !EnglishStopWords.Contains(w)));

        var denseText = expansions.Count == 0 ? query : $"{string.Join("; ", expansions)}. {query}";
        return new AnalyzedQuery(terms.Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList(), denseText, expansions, corrections);
    }

    /// <summary>The most frequent indexed word within the allowed edit distance, or null.</summary>
    internal static string? Correct(string word, IReadOnlyDictionary<string, int> vocabulary)
    {
        // Short words and numbers are too ambiguous to correct ("gdp" → "gap"), and a number typo is a different number.
        if (word.Length < 4 || word.Any(char.IsDigit))
        {
            return null;
        }

        var maxDistance = word.Length <= 6 ? 1 : 2;
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = 0;
        foreach (var (candidate, frequency) in vocabulary)
        {
            if (Math.Abs(candidate.Length - word.Length) > maxDistance || candidate.Any(char.IsDigit))
            {
                continue;
            }

            var distance = EditDistance(word, candidate, maxDistance);
            if (distance <= maxDistance && (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency)))
            {
                best = candidate;
                bestDistance = distance;
                bestFrequency = frequency;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions), cut off above <paramref name="limit"/>.</summary>
    internal static int EditDistance(string a, string b, int limit)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                }

                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }

    private static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9FFF';

    [GeneratedRegex(@"(?:[A-Za-z0-9\u00C0-\u024F]+(?:[.'’][A-Za-z0-9\u00C0-\u024F]+)*)")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")]
    private static partial Regex CjkRun();
}
