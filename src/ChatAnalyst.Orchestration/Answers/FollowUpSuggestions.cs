using System.Globalization;
using System.Text;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>
/// Follow-up questions suggested under an answer, built from the turn's evidence only (never from a list of topics):
/// another period of the figure just given, a related indicator the tools returned, another figure of a cited source.
/// Each asks something the answer did not already say, and is short enough for a Teams button to show it whole.
/// </summary>
public static class FollowUpSuggestions
{
    /// <summary>At most this many suggestions.</summary>
    public const int MaxCount = 3;

    /// <summary>Teams cuts button text beyond about this many characters.</summary>
    public const int MaxLength = 40;

    /// <param name="question">The question just answered.</param>
    /// <param name="earlierQuestions">The conversation's earlier questions: a suggestion never repeats one.</param>
    /// <param name="answerText">The answer's text: a figure it states is not suggested again.</param>
    /// <param name="ledger">The turn's evidence.</param>
    /// <param name="citations">The answer's citations; no citations (a decline) means no suggestions.</param>
    public static IReadOnlyList<string> For(
        string question,
        IReadOnlyList<string> earlierQuestions,
        string answerText,
        CitationLedger ledger,
        IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(earlierQuestions);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(citations);
        if (citations.Count == 0)
        {
            return [];
        }

        var stated = StatedNumbers(answerText);
        var figures = ledger.Items.Where(i => i.Figure is not null).Select(i => (Item: i, Figure: i.Figure!)).ToList();
        var answered = figures.Where(f => IsStated(f.Figure, stated)).Select(f => f.Figure).ToList();
        var answeredSeries = answered.Select(f => f.IndicatorId).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
        var answeredPeriods = answered.Select(f => f.Period).ToHashSet(StringComparer.Ordinal);
        var cited = citations.Select(c => c.DocumentId).ToHashSet(StringComparer.Ordinal);
        var fresh = figures.Where(f => !IsStated(f.Figure, stated) && f.Figure.SupersededBy is null).ToList();

        // Order says which kind of suggestion comes first: another period of the series just answered, then related
        // series (those of a cited source first), then the cited sources' figures quoted in their text.
        var candidates = fresh
            .Where(f => answeredSeries.Contains(f.Figure.IndicatorId) && !answeredPeriods.Contains(f.Figure.Period))
            .Take(1)
            .Concat(fresh.Where(f => f.Figure.IndicatorId.Length > 0 && !answeredSeries.Contains(f.Figure.IndicatorId))
                .OrderBy(f => cited.Contains(f.Item.Source.DocumentId) ? 0 : 1))
            .Concat(fresh.Where(f => f.Figure.IndicatorId.Length == 0 && cited.Contains(f.Item.Source.DocumentId) && IsNamed(f.Figure)))
            .Select(f => Phrase(f.Figure))
            .OfType<string>();

        var asked = earlierQuestions.Append(question).Select(Normalize).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return candidates.Where(c => !asked.Contains(Normalize(c)) && seen.Add(Normalize(c))).Take(MaxCount).ToList();
    }

    /// <summary>Text reduced for comparison: lower case, letters and digits, single spaces.</summary>
    public static string Normalize(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            folded.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return string.Join(' ', folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>"{Name} in {period}?" with the most descriptive English name of the figure that fits the length.</summary>
    private static string? Phrase(FigureFact figure)
    {
        if (figure.Period.Length == 0)
        {
            return null;
        }

        var period = " in " + ShortPeriod(figure.PeriodLabel) + "?";
        var budget = MaxLength - period.Length;
        var name = new[] { figure.Indicator }.Concat(figure.Aliases ?? [])
            .Select(n => n.Trim())
            .Where(n => n.Length >= 3 && n.Length <= budget && !TextTerms.IsChinese(n))
            .OrderByDescending(n => n.Length)
            .FirstOrDefault();
        return name is null ? null : char.ToUpperInvariant(name[0]) + name[1..] + period;
    }

    /// <summary>
    /// A figure quoted in an article names its subject well enough for a question only when the subject has two words
    /// or more: the extractor's one-word subjects are the measure ("value", "share"), which alone ask nothing.
    /// </summary>
    private static bool IsNamed(FigureFact figure) => figure.Indicator.Trim().Contains(' ', StringComparison.Ordinal);

    /// <summary>Month names shortened ("January–November 2025" → "Jan–Nov 2025") so more of the name fits.</summary>
    private static string ShortPeriod(string label)
    {
        var months = CultureInfo.InvariantCulture.DateTimeFormat;
        for (var m = 0; m < 12; m++)
        {
            label = label.Replace(months.MonthNames[m], months.AbbreviatedMonthNames[m], StringComparison.Ordinal);
        }

        return label;
    }

    private static HashSet<decimal> StatedNumbers(string answerText) =>
        NumberReader.Read(CitationMarkers.Strip(answerText)).SelectMany(m => m.Values).ToHashSet();

    /// <summary>
    /// The answer states the figure when it writes its number, as given or scaled by its unit (155.4 billion written
    /// as 1554亿 counts): a figure the answer gave is no follow-up.
    /// </summary>
    private static bool IsStated(FigureFact figure, HashSet<decimal> stated) =>
        NumberReader.Read(figure.Value + " " + figure.Unit).SelectMany(m => m.Values).Any(stated.Contains);
}
