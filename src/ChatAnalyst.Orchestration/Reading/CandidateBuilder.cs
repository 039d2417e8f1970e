using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Evidence;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// The reader's first step: turns this turn's tool results into candidates. Every sentence of every retrieved passage
/// is a candidate (once, however many passages hold it), every curated figure is one, and a sentence the figure index
/// found in an article the search did not return is one too. Datelines and credits are context, not answers: a leading
/// dateline is cut off, and a line that is only a date, a place or a credit is no candidate.
/// </summary>
public static partial class CandidateBuilder
{
    /// <summary>The candidates of one turn, in evidence order.</summary>
    public static IReadOnlyList<ReaderCandidate> Build(IEnumerable<ToolEvidence> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var candidates = new List<ReaderCandidate>();
        var seen = new HashSet<(string Document, string Text)>();
        var passageRank = 0;
        var figures = new List<EvidenceItem>();
        foreach (var item in results.SelectMany(r => r.Items).Where(i => i.Ref > 0))
        {
            if (item.Kind != EvidenceKind.Passage)
            {
                figures.Add(item);
                continue;
            }

            var sentences = item.Sentences.Count > 0
                ? item.Sentences
                : SentenceSplitter.SplitText(item.Text).Select(s => new ScoredSentence(s, 0)).ToList();
            var previous = string.Empty;
            for (var i = 0; i < sentences.Count; i++)
            {
                var (text, isCredit) = ReaderCache.CleanSentence(sentences[i].Text);
                if (isCredit)
                {
                    continue;
                }

                if (text.Length > 0 && seen.Add((item.Source.DocumentId, text)))
                {
                    candidates.Add(Candidate(text, item, previous, sentences[i].Similarity, passageRank, (item.Position * 100) + i));
                }

                previous = text.Length > 0 ? text : previous;
            }

            passageRank++;
        }

        foreach (var item in figures)
        {
            if (item.Figure is { IndicatorId.Length: > 0 })
            {
                candidates.Add(Candidate(item.Text, item, string.Empty, 0, passageRank, 0));
            }
            else if (item.Figure?.Sentence is { Length: > 0 } sentence && Clean(sentence) is { Length: > 0 } text
                     && seen.Add((item.Source.DocumentId, text)))
            {
                candidates.Add(Candidate(text, item, string.Empty, 0, passageRank, 0) with { FromFigureIndex = true });
            }
        }

        // A figure has no sentence vector of its own: it is taken to be as close to the question as the closest
        // sentence of the article it cites (0 when no passage of that article was retrieved).
        var closest = candidates.Where(c => c.Similarity > 0).GroupBy(c => c.DocumentId).ToDictionary(g => g.Key, g => g.Max(c => c.Similarity), StringComparer.Ordinal);
        return candidates
            .Select(c => c.Similarity == 0 && closest.TryGetValue(c.DocumentId, out var similarity) ? c with { Similarity = similarity } : c)
            .ToList();
    }

    /// <summary>A sentence that names no period of its own is about the period of the sentence before it ("That total…").</summary>
    private static ReaderCandidate Candidate(string text, EvidenceItem item, string previous, double similarity, int rank, int position)
    {
        var published = item.Source.Published;
        // An undated article is read in the year its title names, else the year its address files it under.
        var about = ReaderCache.YearAboutOf(item.Source.Title) ?? (published is null ? PeriodReader.UrlYear(item.Source.Url) : null);
        var periods = ReaderCache.PeriodsOf(text, published, about);
        // "In the same period last year, …" dates the sentence a year before the span the sentence before it covers.
        if (previous.Length > 0 && SamePeriodEarlier().IsMatch(text) && ReaderCache.PeriodsOf(previous, published, about) is { Count: > 0 } spans)
        {
            periods = spans.Select(p => p.YearEarlier()).ToList();
        }
        else if (periods.Count == 0 && previous.Length > 0)
        {
            var before = ReaderCache.PeriodsOf(previous, published, about);
            // In an undated article a bare "in March" after "the first quarter of 2018" is March 2018.
            var own = published is null && about is null && before.Count > 0 ? ReaderCache.PeriodsOf(text, null, before.Max(p => p.Year)) : [];
            periods = own.Count > 0 ? own : before;
        }

        return new(text, item, previous, similarity, rank, position) { Periods = periods };
    }

    /// <summary>
    /// The year an article is about as its title says (the latest it names), which places an undated article's months
    /// without a year: in "… up 5 percent in Jan-Oct 2024" a bare "October" is October 2024.
    /// </summary>
    internal static int? YearAbout(string title) => PeriodReader.Years(title) is { Count: > 0 } years ? years.Max() : null;

    /// <summary>The sentence without a leading dateline ("CITY, April 8 (Agency) — ") or Markdown decoration.</summary>
    internal static string Clean(string sentence)
    {
        var text = sentence.Trim().TrimStart('#', '>', '*', '-', ' ');
        var dateline = Dateline().Match(text);
        if (dateline.Success && dateline.Length < text.Length - 20)
        {
            text = text[dateline.Length..];
        }

        return text.Trim();
    }

    /// <summary>
    /// A line that only dates, places or credits the article ("Friday, 16 April 2021 | City", "—Agency", "Source: Agency",
    /// "Key Facts"): once its dates are set aside, no figure and no lower-case word. Context, not an answer. Text in a
    /// script without case (Chinese) is never taken for one.
    /// </summary>
    internal static bool IsCredit(string text)
    {
        if (!text.Any(char.IsAsciiLetter) || text.Any(c => c > '\u2E7F' && char.IsLetter(c)))
        {
            return false;
        }

        var rest = DatePart().Replace(text, " ");
        return !rest.Any(char.IsDigit) && !LowerWord().IsMatch(rest);
    }

    [GeneratedRegex(@"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?(?:\s+\d{1,2}\b)?|\b(?:19|20)\d\d\b|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")]
    private static partial Regex DatePart();

    [GeneratedRegex(@"^(?:in|during|over|for)\s+the\s+same\s+(?:period|months?|quarter)\s+(?:of\s+)?(?:last|the\s+previous|the\s+prior|a)\s+year\b|^a\s+year\s+(?:earlier|ago|before)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SamePeriodEarlier();

    [GeneratedRegex(@"(?<![\w'’])[a-z][a-z'’-]+\b")]
    private static partial Regex LowerWord();

    // An upper-case place name or a leftover date, then up to ~60 characters of date and agency, then a dash.
    [GeneratedRegex(@"^(?:[A-Z][A-Z .'-]{2,}|\d{1,2}|[A-Z][a-z]+\.?\s\d{1,2}),[^—–]{0,70}?\s[—–-]{1,2}\s")]
    private static partial Regex Dateline();
}
