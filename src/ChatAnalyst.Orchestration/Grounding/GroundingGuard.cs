using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Evidence;

namespace ChatAnalyst.Orchestration.Grounding;

/// <summary>
/// The last check before an answer leaves the orchestrator, in every mode: each <c>[n]</c> must point to a source
/// the tools returned this turn, and each number in the answer must appear in the evidence of the sources it cites.
/// </summary>
public sealed partial class GroundingGuard
{
    /// <summary>Checks <paramref name="answer"/> against the turn's evidence.</summary>
    public GroundingVerdict Check(string answer, CitationLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(ledger);
        var problems = new List<string>();
        var cited = CitationMarkers.Numbers(answer);
        foreach (var n in cited.Where(n => ledger.Find(n) is null))
        {
            problems.Add($"[{n}] does not point to any source returned by the tools.");
        }

        var supported = new EvidenceNumbers();
        foreach (var n in cited)
        {
            foreach (var item in ledger.ItemsFor(n))
            {
                Add(supported, item);
            }
        }

        HashSet<int>? periodYears = null;
        var text = CitationMarkers.Strip(answer);
        var gaps = Gap().Matches(text).Select(m => m.Groups["n"].Value).ToHashSet(StringComparer.Ordinal);
        var approximate = Approximate().Matches(text).Select(m => m.Groups["n"].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var mention in NumberReader.Read(text))
        {
            // A gap the answer works out from two cited figures is checked by recomputing it; a figure the answer
            // marks as approximate ("about 4.3 million") may round a cited one, within 5%.
            var digits = NumberStart().Match(mention.Text).Value;
            if ((gaps.Contains(digits) && supported.SupportsDifference(mention))
                || (approximate.Contains(digits) && supported.SupportsApproximately(mention, RoundingTolerance)))
            {
                continue;
            }

            // A figure with a scale word stands for its scaled value only: "1.2 billion" is not supported by evidence
            // saying "1.2 trillion", though the evidence side keeps both readings ("1.2" and 1.2e12). A year no cited
            // text writes may be the one a cited passage's period falls in (read only then: it is rarely needed).
            if (!supported.Supports(mention) && !(IsYear(mention) && (periodYears ??= PeriodYears(cited, ledger)).Contains((int)mention.Values[^1])))
            {
                problems.Add(cited.Count == 0
                    ? $"The figure '{mention.Text}' has no citation."
                    : $"The figure '{mention.Text}' does not appear in the cited sources.");
            }
        }

        return new GroundingVerdict(problems.Distinct().ToList());
    }

    private static void Add(EvidenceNumbers supported, EvidenceItem item)
    {
        supported.Add(item.Text);
        supported.Add(item.Source.Title);
        if (item.Source.Published is { } published)
        {
            supported.Add(published);
            foreach (var (_, _, day) in RelativeDays.Find(item.Text, published))
            {
                supported.Add(day);
            }
        }

        if (item.Figure is { } figure)
        {
            supported.Add($"{figure.Value} {figure.Unit} {figure.Period.Replace("..", " ", StringComparison.Ordinal).Replace('-', ' ')} {figure.PeriodLabel} {figure.SupersededBy} {figure.Sentence}");
        }
    }

    /// <summary>
    /// The years the cited passages' periods fall in, read against their articles' dates as the reader reads them: "at
    /// the end of December" in an article of January 2020 is December 2019; an undated article is read in the year its
    /// address files it under.
    /// </summary>
    private static HashSet<int> PeriodYears(IEnumerable<int> cited, CitationLedger ledger) =>
        cited.SelectMany(ledger.ItemsFor)
            .SelectMany(item => PeriodReader.Read(item.Text, item.Source.Published, item.Source.Published is null ? PeriodReader.UrlYear(item.Source.Url) : null))
            .Select(period => period.Year)
            .ToHashSet();

    private static bool IsYear(NumberMention mention) => mention.Values[^1] is >= 1900 and <= 2100 && mention.Values[^1] == decimal.Truncate(mention.Values[^1]);

    /// <summary>How far a figure marked as approximate may lie from the cited one (relative).</summary>
    private const decimal RoundingTolerance = 0.05m;

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:(?:gap|difference|margin) of|[Tt]hat leaves) (?<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|\bby (?<n>\d+(?:\.\d+)?) (?:percentage )?points?\b|\b(?<n>\d+(?:\.\d+)?) (?:percentage )?points? (?:higher|lower|faster|slower|more|less|above|below|ahead)\b|(?:差距为?|高出|低了?|快了?|多了?)(?<n>\d+(?:\.\d+)?)\s*个百分点")]
    private static partial System.Text.RegularExpressions.Regex Gap();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:\b(?:about|around|roughly|nearly|almost|approximately|some|over|more than|close to|just under|just over|upwards of)\s+|约|近|超过|逾|大约)(?:US\$|\$|¥)?(?<n>\d+(?:[.,]\d+)*)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Approximate();

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial System.Text.RegularExpressions.Regex NumberStart();
}
