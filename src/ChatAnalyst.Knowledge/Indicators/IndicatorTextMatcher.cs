using System.Collections.Concurrent;
using System.Text;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// Scores how well a query names a series or a figure: IDF-weighted token coverage of the query, tolerant of
/// small typos, with Chinese handled as character bigrams (no segmenter needed for short names).
/// Back-end independent; the collections searched are small (hundreds of rows).
/// </summary>
internal sealed partial class IndicatorTextMatcher
{
    /// <summary>Tokens whose neighbours are remembered before the memo starts over.</summary>
    private const int NeighbourCacheSize = 4096;

    // Words that appear in almost every question about this corpus and so say nothing about which series is meant.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "in", "on", "for", "and", "or", "to", "by", "at", "with", "from", "as", "is", "was", "are",
        "were", "what", "how", "much", "many", "did", "does", "do", "china", "chinese", "china's", "s", "its", "it", "show",
        "me", "give", "tell", "about", "value", "figure", "figures", "data", "latest", "number", "how", "fast", "large", "much",
        "many", "has", "have", "had", "compare", "compared", "comparison", "versus", "vs", "between", "than", "which", "who", "when",
        "where", "why", "chart", "plot", "draw", "trend", "over", "time", "year", "years", "annual", "annually", "last", "this", "that",
        "there", "be", "been", "being", "will", "would", "can", "could", "should", "please", "per", "cent", "percent", "does", "did",
        "中国", "我国", "全国", "多少", "是", "的", "了", "吗", "什么", "怎么", "如何",
    };

    // Everyday words for what series names say formally; applied to both sides so either spelling matches.
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["grow"] = "growth",
        ["grew"] = "growth",
        ["grown"] = "growth",
        ["growing"] = "growth",
        ["increase"] = "growth",
        ["rise"] = "growth",
        ["rose"] = "growth",
        ["spend"] = "expenditure",
        ["spending"] = "expenditure",
        ["spent"] = "expenditure",
        ["big"] = "size",
        ["scale"] = "size",
        ["ranking"] = "rank",
        ["ranked"] = "rank",
        ["proportion"] = "share",
        ["percentage"] = "share",
    };

    // One-word subject synonyms from knowledge/synonyms.csv (the multi-word ones fold whole phrases in TextTerms).
    private static readonly Dictionary<string, string> SubjectSynonyms = Text.TextTerms.SynonymPairs
        .Where(p => !p.From.Contains(' ', StringComparison.Ordinal) && !p.To.Contains(' ', StringComparison.Ordinal))
        .ToDictionary(p => p.From, p => p.To, StringComparer.Ordinal);

    private readonly List<HashSet<string>> _documents;
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly List<string> _normalisedNames;
    private readonly List<HashSet<string>> _names;
    private readonly Text.WordIndex _vocabulary;

    /// <summary>
    /// Each query token's typo neighbours, worked out once per token: they depend only on the token and this matcher's
    /// vocabulary, which never changes (a new version of the tables builds a new matcher), and questions keep reusing
    /// the same words. Bounded: past <see cref="NeighbourCacheSize"/> tokens it starts over.
    /// </summary>
    private readonly ConcurrentDictionary<string, string[]> _neighbours = new(StringComparer.Ordinal);

    /// <param name="documents">For each candidate, the texts that name it; the first texts are its names (whole-name bonus).</param>
    public IndicatorTextMatcher(IReadOnlyList<(IReadOnlyList<string> Names, IReadOnlyList<string> Texts)> documents)
    {
        _documents = documents.Select(d => d.Names.Concat(d.Texts).SelectMany(Tokenize).ToHashSet(StringComparer.Ordinal)).ToList();
        // A name's parenthesis explains it ("X intensity (Y as share of Z)"); the name proper is what users type.
        _normalisedNames = documents.Select(d => "|" + string.Join('|', d.Names.Concat(d.Names.Take(1).Select(WithoutParenthesis)).Select(Normalise)) + "|").ToList();
        _names = documents.Select(d => (d.Names.Count > 0 ? Tokenize(WithoutParenthesis(d.Names[0])) : []).ToHashSet(StringComparer.Ordinal)).ToList();
        foreach (var token in _documents.SelectMany(d => d))
        {
            _documentFrequency[token] = _documentFrequency.GetValueOrDefault(token) + 1;
        }

        _vocabulary = new Text.WordIndex(_documentFrequency.Keys);
    }

    /// <summary>Score of each candidate for the query, in candidate order (0 = no match).</summary>
    public IReadOnlyList<double> Score(string query)
    {
        // "software revenue Jan-Nov 2024": the period picks the observation, not the series, so it must not dilute the match.
        query = WithoutPeriods(query);
        var tokens = Tokenize(query).Distinct(StringComparer.Ordinal).ToArray();
        var whole = Normalise(query);

        // The typo-tolerant neighbours of each query token are found once, through the length-indexed vocabulary, not
        // once per candidate: a long (glossary-expanded) query against every figure's sentence would otherwise run the
        // edit distance hundreds of thousands of times.
        var neighbours = tokens.Select(CachedNeighbours).ToArray();
        var n = Math.Max(1, _documents.Count);
        var weights = tokens.Select((t, j) => Math.Log(1 + ((double)n / Math.Max(1, BestFrequency(t, neighbours[j]))))).ToArray();
        var total = weights.Sum();

        // Every vocabulary word the query reaches, exactly or through a typo, for the whole-name preference below.
        var reached = tokens.Concat(neighbours.SelectMany(w => w)).ToHashSet(StringComparer.Ordinal);
        var wholeName = whole.Length > 0 ? "|" + whole + "|" : null;
        var scores = new double[_documents.Count];
        for (var i = 0; i < _documents.Count; i++)
        {
            var covered = 0.0;
            for (var j = 0; j < tokens.Length; j++)
            {
                covered += weights[j] * Match(tokens[j], neighbours[j], _documents[i]);
            }

            var score = total > 0 ? covered / total : 0;
            if (wholeName is not null && _normalisedNames[i].Contains(wholeName, StringComparison.Ordinal))
            {
                score += 1;
            }

            // Among equally good matches prefer the series the query names most completely
            // ("X expenditure" → x-expenditure rather than x-expenditure-growth).
            scores[i] = score + (0.1 * NameCoverage(reached, _names[i]));
        }

        return scores;
    }

    private static string WithoutParenthesis(string name) => Parenthesis().Replace(name, " ").Trim();

    private static double NameCoverage(HashSet<string> reached, HashSet<string> name)
    {
        if (name.Count == 0)
        {
            return 0;
        }

        var found = 0;
        foreach (var word in name)
        {
            if (reached.Contains(word))
            {
                found++;
            }
        }

        return (double)found / name.Count;
    }

    private static string WithoutPeriods(string query)
    {
        var mentions = PeriodPhraseParser.FindAll(query);
        for (var i = mentions.Count - 1; i >= 0; i--)
        {
            query = query.Remove(mentions[i].Index, mentions[i].Length).Insert(mentions[i].Index, " ");
        }

        return query;
    }

    public static IEnumerable<string> Tokenize(string text)
    {
        var latin = new StringBuilder();
        var cjk = new StringBuilder();
        foreach (var c in text.ToLowerInvariant() + " ")
        {
            if (IsCjk(c))
            {
                foreach (var t in Flush(latin))
                {
                    yield return t;
                }

                cjk.Append(c);
            }
            else if (char.IsLetterOrDigit(c))
            {
                foreach (var t in FlushCjk(cjk))
                {
                    yield return t;
                }

                latin.Append(c);
            }
            else
            {
                foreach (var t in Flush(latin).Concat(FlushCjk(cjk)))
                {
                    yield return t;
                }
            }
        }
    }

    private static IEnumerable<string> Flush(StringBuilder latin)
    {
        if (latin.Length == 0)
        {
            yield break;
        }

        var token = Stem(latin.ToString());
        latin.Clear();
        token = Synonyms.GetValueOrDefault(token, token);
        token = SubjectSynonyms.GetValueOrDefault(token, token);

        // Years and other bare numbers name periods, not series ("a4" survives: it has a letter).
        if (!StopWords.Contains(token) && !token.All(char.IsAsciiDigit))
        {
            yield return token;
        }
    }

    private static IEnumerable<string> FlushCjk(StringBuilder cjk)
    {
        if (cjk.Length == 0)
        {
            yield break;
        }

        var run = cjk.ToString();
        cjk.Clear();
        if (StopWords.Contains(run))
        {
            yield break;
        }

        if (run.Length == 1)
        {
            yield return run;
            yield break;
        }

        for (var i = 0; i + 1 < run.Length; i++)
        {
            var bigram = run.Substring(i, 2);
            if (!StopWords.Contains(bigram))
            {
                yield return bigram;
            }
        }
    }

    // Plural "s" only: enough to match "stations" with "station" without a stemmer's surprises.
    private static string Stem(string token) =>
        token.Length > 3 && token.EndsWith('s') && !token.EndsWith("ss", StringComparison.Ordinal) ? token[..^1] : token;

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';

    private static string Normalise(string text) => string.Join(' ', Tokenize(text));

    private int BestFrequency(string token, string[] neighbours) =>
        _documentFrequency.TryGetValue(token, out var df) ? df : neighbours.Select(v => _documentFrequency[v]).DefaultIfEmpty(0).Max();

    private string[] CachedNeighbours(string token)
    {
        if (_neighbours.TryGetValue(token, out var known))
        {
            return known;
        }

        if (_neighbours.Count >= NeighbourCacheSize)
        {
            _neighbours.Clear();
        }

        return _neighbours.GetOrAdd(token, Neighbours);
    }

    /// <summary>The vocabulary words <see cref="Similar"/> to <paramref name="token"/>, other than the token itself.</summary>
    private string[] Neighbours(string token)
    {
        if (token.Length < 4 || char.IsDigit(token[0]))
        {
            return [];
        }

        // A typo: the allowed distance depends on the shorter word, so look as far as the longer allowance and let
        // Similar decide; a prefix: words extending the token, and the token's own prefixes of 5+ letters.
        var typos = _vocabulary.WithinDistance(token, token.Length >= 8 ? 2 : 1);
        var longer = token.Length >= 5 ? _vocabulary.StartingWith(token) : [];
        var shorter = Enumerable.Range(5, Math.Max(0, token.Length - 5)).Select(length => token[..length]).Where(_vocabulary.Contains);
        return typos.Concat(longer).Concat(shorter)
            .Where(v => v != token && Similar(token, v))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    private static double Match(string token, string[] neighbours, HashSet<string> document)
    {
        if (document.Contains(token))
        {
            return 1;
        }

        foreach (var neighbour in neighbours)
        {
            if (document.Contains(neighbour))
            {
                return 0.7;
            }
        }

        return 0;
    }

    /// <summary>A typo (edit distance 1 for 4+ letters, 2 for 8+) or a prefix of 5+ letters ("indicator" / "indicators").</summary>
    private static bool Similar(string a, string b)
    {
        if (a.Length < 4 || b.Length < 4 || char.IsDigit(a[0]) || char.IsDigit(b[0]))
        {
            return false;
        }

        if (Math.Min(a.Length, b.Length) >= 5 && (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal)))
        {
            return true;
        }

        var allowed = Math.Min(a.Length, b.Length) >= 8 ? 2 : 1;
        return Math.Abs(a.Length - b.Length) <= allowed && Text.EditDistance.Compute(a, b, allowed) <= allowed;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*\([^)]*\)")]
    private static partial System.Text.RegularExpressions.Regex Parenthesis();
}
