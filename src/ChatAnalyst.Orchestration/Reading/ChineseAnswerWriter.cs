using System.Globalization;
using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;
using ChatAnalyst.Orchestration.Offline;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// The Chinese lead of an answer to a Chinese question: the question's own subject, the period in Chinese form and
/// the figure converted exactly (155.4 billion yuan → 1554亿元, 69.87 million tonnes → 6987万吨, 9.2 percent → 9.2%),
/// cited; the English sentence it comes from follows as the quote. Scales are converted by exact decimal factors and unit
/// names come from <c>units-zh.csv</c>, so the grounding guard, which compares scaled values, still finds the figure.
/// </summary>
public static partial class ChineseAnswerWriter
{
    private static readonly Dictionary<string, (decimal Factor, string Name)> Scales = new(StringComparer.OrdinalIgnoreCase)
    {
        ["thousand"] = (0.1m, "万"),
        ["million"] = (100m, "万"),
        ["billion"] = (10m, "亿"),
        ["trillion"] = (1m, "万亿"),
    };

    /// <summary>
    /// The Chinese lead, or null when no sentence holds a figure this writer can state exactly. The figure is the one the
    /// question's subject names: of the figures in the lead and the close supporting sentences of its article
    /// (<paramref name="close"/>), the one whose own words — a name attached after it first, then those between it and
    /// the figure before it in its clause — hold most of the question's terms ("river ports added 13.78 million and sea ports 278
    /// million": sea ports' is 278); the lead's first figure when no figure's words name the subject better. When that figure is one this writer cannot state exactly
    /// (a count of a thing the unit table does not name), there is no Chinese lead: the English quote answers.
    /// </summary>
    public static string? Lead(QuestionAnalysis question, ReaderCandidate lead, IReadOnlyList<ReaderCandidate> close, UnitNames units)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(close);
        ArgumentNullException.ThrowIfNull(units);
        (ReaderCandidate Sentence, string? Value, double Score)? best = null;
        var share = ShareCue().IsMatch(question.Text);
        foreach (var sentence in close.Where(c => c.DocumentId == lead.DocumentId).Prepend(lead))
        {
            foreach (var (value, words, following, rate, exact) in Figures(sentence.Text, units, question.Units))
            {
                // An amount is not answered with a rate ("收入是多少" with "rose 8.2 percent to 1.07 trillion yuan"), nor a rate
                // with an amount.
                if (value is not null && (question.Measure == MeasureWanted.Amount ? value.EndsWith('%') : question.Measure == MeasureWanted.Rate && !value.EndsWith('%')))
                {
                    continue;
                }

                // Of two rates, the one of the kind asked ("同比增长": a change, "份额": a share) answers; then the figure whose own
                // words name the subject.
                var score = (exact ? 1000 : 0) + (value?.EndsWith('%') == true ? 5 * Kind(share, question.WantsChange, rate) : 0)
                    + (10 * Score(question, following)) + Score(question, words);
                if (best is null || score > best.Value.Score)
                {
                    best = (sentence, value, score);
                }
            }
        }

        if (best is not ({ } source, { } figure, _))
        {
            return null;
        }

        var subject = Subject(question.Text);
        var period = source.Periods.Count > 0 && !ChineseYear().IsMatch(subject) ? ChineseFigureWriter.PeriodLabel(source.Periods[0]) : string.Empty;
        // "去年制造业…" names its year in the source's terms: "2024年制造业…", not "2024年去年制造业…".
        if (period.Length > 0 && RelativeYear().Match(subject) is { Success: true } relative)
        {
            (subject, period) = (subject.Remove(relative.Index, relative.Length).Insert(relative.Index, period), string.Empty);
        }

        var text = $"{period}{subject}：{figure}{AnswerWriter.Marker(source)}。";
        return Supported(text, source) ? text : null;
    }

    /// <summary>+1 when a rate reads as the kind the question asks (a change or a share), −1 when only as the other.</summary>
    private static int Kind(bool share, bool change, (bool Change, bool Share) rate) =>
        share == change || rate.Change == rate.Share ? 0 : rate.Share == share ? 1 : -1;

    private static double Score(QuestionAnalysis question, string words) =>
        TextTerms.ContentTerms(words).Sum(w => question.Terms.Where(t => w.StartsWith(t.Key, StringComparison.Ordinal)).Sum(t => t.Value));

    /// <summary>
    /// The first figure of the sentence in Chinese form; when the question asks in a unit (<paramref name="wanted"/>, its
    /// English names), the first figure in that unit, or null when the sentence has none.
    /// </summary>
    internal static string? Figure(string sentence, UnitNames units, IReadOnlyList<string>? wanted = null) =>
        Figures(sentence, units, wanted).Select(f => f.Value).FirstOrDefault();

    /// <summary>
    /// The figures of the sentence (years left out; only those in the unit asked when <paramref name="wanted"/> names
    /// one), each in Chinese form or null when it cannot be stated exactly, with its own words: within its clause, the
    /// text from the number before it up to it, and the name attached after it ("rose 3.1 percent in A, 6.1 percent in
    /// B": B's is 6.1), which tells the figures of such a list apart better than the words they share; and whether it
    /// reads as a change or a share, as a comparison reads it.
    /// </summary>
    private static IEnumerable<(string? Value, string Words, string Following, (bool Change, bool Share) Rate, bool Exact)> Figures(string sentence, UnitNames units, IReadOnlyList<string>? wanted)
    {
        var matches = FigurePattern().Matches(sentence);
        var previousEnd = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            var before = sentence[previousEnd..m.Index];
            var end = m.Index + m.Length;
            var after = sentence[end..(i + 1 < matches.Count ? matches[i + 1].Index : sentence.Length)];
            var words = before[(ComparisonWriter.ClauseBreak().Matches(before).LastOrDefault() is { } open ? open.Index + open.Length : 0)..];
            var following = ComparisonWriter.ClauseBreak().Match(after) is { Success: true } close ? after[..close.Index] : after;
            following = AttachedName().IsMatch(following) ? following : string.Empty;
            previousEnd = end;
            if (!decimal.TryParse(m.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                || (m.Groups["scale"].Length == 0 && m.Groups["pct"].Length == 0 && number is >= 1900 and <= 2100))
            {
                continue;
            }

            // The unit after the figure ("3.1 million tonnes"), or a currency written before it ("nearly US$3.11 trillion"),
            // which the words qualifying the figure stand before.
            var qualified = sentence[Math.Max(0, m.Index - 30)..m.Index].TrimEnd();
            var currency = units.EndOf(qualified);
            var unit = units.StartOf(sentence[(m.Index + m.Length)..].TrimStart()) ?? currency;
            qualified = currency is { } c ? qualified[..^c.English.Length] : qualified;
            var rate = m.Groups["pct"].Length > 0 && wanted is not null && wanted.Any(UnitNames.IsRate);
            if (wanted is { Count: > 0 } && !rate && (unit is null || !wanted.Contains(unit.Value.English, StringComparer.OrdinalIgnoreCase)))
            {
                continue;
            }

            // A figure in the very unit asked ("多少个百分点": 1.3 percentage points) says more than one in percent.
            var exact = wanted is { Count: > 0 } && !rate;
            var reads = m.Groups["pct"].Length > 0 ? (ComparisonWriter.IsChangeAt(sentence, m.Index, end), ComparisonWriter.IsShareAt(sentence, m.Index, end)) : (false, false);
            yield return (Convert(m, number, qualified, unit), words, following, reads, exact);
        }
    }

    /// <summary>One figure in Chinese form, or null when it counts a thing the unit table does not name.</summary>
    private static string? Convert(Match m, decimal number, string before, (string English, string Chinese)? unit)
    {
        var qualifier = Qualifier(before[Math.Max(0, before.Length - 20)..] + " ");
        if (m.Groups["pct"].Length > 0)
        {
            return qualifier + m.Groups["n"].Value + "%";
        }

        var name = unit?.Chinese ?? string.Empty;
        if (m.Groups["scale"].Length == 0)
        {
            return unit is null ? null : qualifier + m.Groups["n"].Value + name;
        }

        var (factor, scale) = Scales[m.Groups["scale"].Value];
        var scaled = number * factor;
        if (scale == "万" && scaled >= 10000)
        {
            // 37300万 reads as 3.73亿.
            (scaled, scale) = (scaled / 10000, "亿");
        }

        return qualifier + (scaled / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) + scale + name;
    }

    private static string Qualifier(string before) =>
        MoreThan().IsMatch(before) ? "超过" : About().IsMatch(before) ? "约" : Nearly().IsMatch(before) ? "近" : string.Empty;

    /// <summary>The question without its question words: "2025年1至4月中国锂离子电池总产量是多少？" → "2025年1至4月中国锂离子电池总产量".</summary>
    internal static string Subject(string question)
    {
        var text = LeadIn().Replace(question.Trim(), string.Empty);
        text = QuestionTail().Replace(text, string.Empty);
        return text.Trim(' ', '，', ',', '？', '?', '。');
    }

    /// <summary>Every number of the Chinese lead must be one the sentence (or its article's date) supports.</summary>
    private static bool Supported(string text, ReaderCandidate lead)
    {
        var evidence = new EvidenceNumbers();
        evidence.Add(lead.Text);
        evidence.Add(lead.Item.Source.Title);
        if (lead.Item.Source.Published is { } published)
        {
            evidence.Add(published);
        }

        foreach (var period in lead.Periods)
        {
            evidence.Add(period.Label);
        }

        return NumberReader.Read(CitationMarkers.Strip(text)).All(evidence.Supports);
    }

    // A figure, not an ordinal ("ranked 12th").
    [GeneratedRegex(@"(?<![\w.])(?<n>\d+(?:,\d{3})*(?:\.\d+)?)(?![\d,.]\d|\d|(?:st|nd|rd|th)\b)\s*(?:(?<pct>%|percent\b|per cent\b)|(?<scale>thousand|million|billion|trillion)\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex FigurePattern();

    [GeneratedRegex(@"\b(?:more than|over|above|exceeding|exceeded|surpassed|topped)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex MoreThan();

    [GeneratedRegex(@"\b(?:about|around|roughly|some|approximately)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex About();

    [GeneratedRegex(@"\b(?:nearly|almost|close to)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex Nearly();

    [GeneratedRegex(@"^(?:根据|按照|据)[^，,]{1,40}[，,]\s*")]
    private static partial Regex LeadIn();

    [GeneratedRegex(@"(?:是|为|有|达到|达|约)?(?:百分之)?(?:多少|几何|多大|几|什么|哪些)[^，,]*$|吗$|[？?]$")]
    private static partial Regex QuestionTail();

    [GeneratedRegex(@"\d{4}\s*年")]
    private static partial Regex ChineseYear();

    // "6.1 percent in B", "2.3 million for B": the name a figure of a list is given after it.
    [GeneratedRegex(@"^\s*(?:%|percent|per cent|thousand|million|billion|trillion)?\s*(?:in|for)\s+(?!(?:19|20)\d\d)", RegexOptions.IgnoreCase)]
    private static partial Regex AttachedName();

    [GeneratedRegex(@"份额|占比|比重|占[^，,]{0,12}(?:多少|几)|\b(?:share|proportion)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ShareCue();

    [GeneratedRegex(@"去年|今年|前年")]
    private static partial Regex RelativeYear();
}
