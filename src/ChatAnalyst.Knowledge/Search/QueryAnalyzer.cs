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

    public AnalyzedQuery Analyze(string query, IReadOnlyDictionary<string, int> vocabulary, IReadOnlyDictionary<string, string>? defined = null)
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
            // An abbreviation an article defines finds the articles that write it out ("gpi": gadget price index).
            if (defined is not null && defined.TryGetValue(word, out var longForm))
            {
                terms.AddRange(LatinWords(longForm).Where(w => !EnglishStopWords.Contains(w)));
            }

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

        // And a long form written out finds the articles that write only its abbreviation.
        if (defined is { Count: > 0 })
        {
            var lower = query.ToLowerInvariant();
            terms.AddRange(defined.Where(d => lower.Contains(d.Value, StringComparison.Ordinal)).Select(d => d.Key));
        }

        foreach (Match run in CjkRun().Matches(query))
        {
            terms.AddRange(_segmenter.Segment(run.Value).Where(w => !ChineseStopWords.Contains(w) && !(w.Length == 1 && IsCjk(w[0]))));
        }

        // Glossary expansions are phrases ("value added"); their words join the OR query one by one so a
        // chunk that uses part of the phrase still scores.
        terms.AddRange(expansions.SelectMany(LatinWords).Where(w => !EnglishStopWords.Contains(w)));

        return new AnalyzedQuery(terms.Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList(), DenseText(Corrected(query, corrections), expansions), expansions, corrections);
    }

    /// <summary>
    /// The query with each misspelt word replaced by its correction: the embedding model has never seen "softwre", so a
    /// typo costs the dense search as much as the keyword search. Only slips of the keys are replaced — a letter or two
    /// left out ("capcity") or two letters swapped ("reprot"); a query word that is another real word ("rain" near
    /// "main", "compare" near "company") or another form of an indexed word ("grow", "grew") is left as typed, since the
    /// model knows it. Measured on the training questions: replacing every keyword correction lowered the reader's
    /// top-1, because most of them were real words.
    /// </summary>
    private static string Corrected(string query, List<KeyValuePair<string, string>> corrections)
    {
        var fixes = corrections.Where(c => IsSlip(c.Key, c.Value)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        return fixes.Count == 0 ? query : LatinWord().Replace(query, m => fixes.GetValueOrDefault(m.Value.ToLowerInvariant(), m.Value));
    }

    /// <summary>True when <paramref name="typed"/> is <paramref name="word"/> with one or two letters dropped or two neighbours swapped.</summary>
    internal static bool IsSlip(string typed, string word)
    {
        if (word.StartsWith(typed, StringComparison.Ordinal) || typed.StartsWith(word, StringComparison.Ordinal))
        {
            return false;
        }

        if (typed.Length == word.Length)
        {
            var differ = Enumerable.Range(0, word.Length).Where(i => typed[i] != word[i]).ToList();
            return differ is [var i, var j] && j == i + 1 && typed[i] == word[j] && typed[j] == word[i];
        }

        if (word.Length - typed.Length is < 1 or > 2)
        {
            return false;
        }

        var next = 0;
        foreach (var c in word)
        {
            if (next < typed.Length && typed[next] == c)
            {
                next++;
            }
        }

        return next == typed.Length;
    }

    /// <summary>
    /// The text to embed: the query led by the glossary's English for it. The embedding model reads English only, so
    /// when the glossary has English for a Chinese query its Chinese runs are left out (each character would be one
    /// more token to run through the model, saying little to it), and an expansion the query already spells out is
    /// not repeated. Measured on tests/eval/retrieval.jsonl: same recall and MRR, and a Chinese query embeds in about
    /// half the time.
    /// </summary>
    private static string DenseText(string query, IReadOnlyList<string> expansions)
    {
        if (expansions.Count == 0)
        {
            return query;
        }

        var rest = CjkRun().IsMatch(query) ? string.Join(' ', LatinWord().Matches(query).Select(m => m.Value)) : query;
        var lead = string.Join("; ", expansions.Where(e => !rest.Contains(e, StringComparison.OrdinalIgnoreCase)));
        return lead.Length == 0 ? rest : rest.Length == 0 ? lead : $"{lead}. {rest}";
    }

    /// <summary>The most frequent indexed word within the allowed edit distance, or null.</summary>
    internal static string? Correct(string word, IReadOnlyDictionary<string, int> vocabulary)
    {
        // Short words and numbers are too ambiguous to correct ("rpm" → "ppm"), and a number typo is a different number.
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

            var distance = Text.EditDistance.Compute(word, candidate, maxDistance);
            if (distance <= maxDistance && (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency)))
            {
                best = candidate;
                bestDistance = distance;
                bestFrequency = frequency;
            }
        }

        return best;
    }

    private static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9FFF';

    [GeneratedRegex(@"(?:[A-Za-z0-9\u00C0-\u024F]+(?:[.'’][A-Za-z0-9\u00C0-\u024F]+)*)")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")]
    private static partial Regex CjkRun();
}
