using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// How <see cref="ComparisonWriter"/> answers a change of one thing between two times: "by how many points did the
/// index rise from June to July", "how much faster did it grow than in 2016", "how much did growth slow from October".
/// The earlier figure is one a sentence sets another against ("up from 53.9 percent in June", "slower than 2.4 percent
/// in the previous month", "far above the 8.5% increase of 2016") when the words around it name the earlier time asked,
/// or no time; the later figure is the one set against it: before it in the sentence, after it in "from A to B", or in
/// the sentence before when this one has none ("That was narrower than …").
/// </summary>
public static partial class ComparisonWriter
{
    /// <summary>The earlier time a question measures a change from: its year and month when it names them, and whether it is relative ("the previous month").</summary>
    internal sealed record EarlierTime(int? Year, int? Month, bool Relative);

    /// <summary>
    /// The change sentence and its gap, or null when the question asks no change between times or the evidence gives no
    /// figure for the earlier one. A sentence of the lead's article that sets a figure against the earlier time answers
    /// first; else an amount of the lead's kind and counted word that a sentence (of any article) states for the
    /// question's period in the earlier year ("390 million tonnes" in September 2022 against "330 million tonnes" in
    /// September 2021).
    /// </summary>
    public static (string Text, string Gap)? Change(QuestionAnalysis question, ReaderCandidate lead, IReadOnlyList<ReaderCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(candidates);
        if (EarlierTimeOf(question.Text) is not { } earlier)
        {
            return null;
        }

        // Levels are compared as well as changes ("the index was 54.1, up from 53.9"): only the measure asked filters, and
        // a unit asked ("in tonnes") asks for an amount.
        var asked = question with
        {
            WantsChange = false,
            Measure = question.Units.Count > 0 && !question.Units.Any(UnitNames.IsRate) ? MeasureWanted.Amount : question.Measure,
        };
        return SetAgainstIn(asked, earlier, candidates.Where(c => c.DocumentId == lead.DocumentId)) ?? ForEarlierPeriod(asked, earlier, lead, candidates);
    }

    /// <summary>The change from a sentence that sets a figure against the earlier time ("up from 53.9 percent in June").</summary>
    private static (string Text, string Gap)? SetAgainstIn(QuestionAnalysis asked, EarlierTime earlier, IEnumerable<ReaderCandidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            var text = TableRowQuote.Trim(asked, candidate.Text, candidate.Item.Source.Published);
            var figures = Figures(candidate, text, asked);
            for (var j = 0; j < figures.Count; j++)
            {
                if (!IsSetAgainst(text, figures, j) || !NamesEarlier(Around(text, figures, j), earlier, asked.Period))
                {
                    continue;
                }

                var then = figures[j];
                var now = LaterIn(text, figures, j)
                    ?? (candidate.Previous.Length > 0 ? LastUnset(Figures(candidate with { Text = candidate.Previous }, candidate.Previous, asked), then.Kind) : null);
                if (now is null || now.Kind != then.Kind || (now.Value == then.Value && now.Falls == then.Falls))
                {
                    continue;
                }

                return Written(now, then);
            }
        }

        return null;
    }

    /// <summary>
    /// The change from the lead's first amount to one of its kind and counted word that another sentence states for the
    /// question's period in the earlier year, or null (rates of different sentences may measure different things).
    /// </summary>
    private static (string Text, string Gap)? ForEarlierPeriod(QuestionAnalysis asked, EarlierTime earlier, ReaderCandidate lead, IReadOnlyList<ReaderCandidate> candidates)
    {
        if (asked.Period is not { } period || earlier.Year is not { } year || year >= period.Year || Shift(period, year, earlier.Month) is not { } then)
        {
            return null;
        }

        var leadText = TableRowQuote.Trim(asked, lead.Text, lead.Item.Source.Published);
        var leadFigures = Figures(lead, leadText, asked);
        var now = leadFigures.Where((f, k) => f.Kind != "%" && f.Word.Length > 0 && !IsSetAgainst(leadText, leadFigures, k)).FirstOrDefault();
        if (now is null || !lead.Periods.Contains(period))
        {
            return null;
        }

        foreach (var candidate in candidates.Where(c => c != lead && c.Periods.Contains(then) && !c.Periods.Contains(period)))
        {
            var text = TableRowQuote.Trim(asked, candidate.Text, candidate.Item.Source.Published);
            if (Figures(candidate, text, asked).FirstOrDefault(f => f.Kind == now.Kind && f.Word == now.Word) is { } figure && figure.Value != now.Value)
            {
                return Written(now, figure);
            }
        }

        return null;
    }

    /// <summary>The question's period moved to an earlier year (and month, when one is named for a month asked).</summary>
    private static Period? Shift(Period period, int year, int? month) => period.Kind switch
    {
        PeriodKind.Year => Period.ForYear(year),
        PeriodKind.Quarter => Period.ForQuarter(year, period.Number),
        PeriodKind.Month => Period.ForMonth(year, month ?? period.Number),
        PeriodKind.YearToDate => Period.ForYearToDate(year, period.Number),
        _ => null,
    };

    /// <summary>"It was higher: A against B for the earlier period, a difference of N", cited to both figures' sources.</summary>
    private static (string Text, string Gap) Written(Figure now, Figure then)
    {
        var signed = now.Falls != then.Falls;
        var higher = Signed(now, signed) > Signed(then, signed);
        var (gap, unit, counted) = higher ? GapOf(now, then, signed) : GapOf(then, now, signed);
        var markers = now.Marker == then.Marker ? now.Marker : now.Marker + then.Marker;
        return ($"It was {(higher ? "higher" : "lower")}: {Shown(now, signed)}{counted} against {Shown(then, signed)}{counted} for the earlier period, a difference of {gap}{unit}{counted} {markers}.", gap);
    }

    /// <summary>
    /// The earlier time of a question that asks how much something changed between two times ("from June to July",
    /// "than in the whole of 2016", "from the previous three months", "exceed its 2017 level"), or null.
    /// </summary>
    internal static EarlierTime? EarlierTimeOf(string question)
    {
        if (!DifferenceAsk().IsMatch(question) || TimeBase().Matches(question) is not { Count: > 0 } bases)
        {
            return null;
        }

        var phrase = bases[^1].Groups["b"].Value;
        if (!OnlyTimeWords().IsMatch(phrase))
        {
            return null;
        }

        var years = PeriodReader.Years(phrase);
        var months = PeriodReader.MonthsNamed(phrase);
        var relative = RelativeTime().IsMatch(phrase);
        return years.Count == 0 && months.Count == 0 && !relative
            ? null
            : new EarlierTime(years.Count > 0 ? years[^1] : null, months.Count > 0 ? months[0] : null, relative);
    }

    /// <summary>Whether the words before figure <paramref name="j"/> set it against another ("than the", "up from", "compared with").</summary>
    private static bool IsSetAgainst(string text, List<Figure> figures, int j) => SetAgainstAt(text, figures, j) >= 0;

    /// <summary>
    /// Where the words that set figure <paramref name="j"/> against another begin, or -1. A figure listed after one set
    /// against ("lower than 51.3 percent in January and 53.8 percent in December") is set against from the same words.
    /// </summary>
    private static int SetAgainstAt(string text, List<Figure> figures, int j)
    {
        var previousEnd = j > 0 ? figures[j - 1].Index + figures[j - 1].Text.Length : 0;
        var start = Math.Max(previousEnd, figures[j].Index - 40);
        var cue = SetAgainst().Match(text[start..figures[j].Index]);
        if (cue.Success)
        {
            return start + cue.Index;
        }

        return j > 0 && ListedNext().IsMatch(text[previousEnd..figures[j].Index]) ? SetAgainstAt(text, figures, j - 1) : -1;
    }

    /// <summary>The words from the cue that sets figure <paramref name="j"/> against another to the next figure: where its time is named ("from 53.9 percent in June").</summary>
    private static string Around(string text, List<Figure> figures, int j)
    {
        var figure = figures[j];
        var end = j + 1 < figures.Count ? figures[j + 1].Index : text.Length;
        return text[SetAgainstAt(text, figures, j)..Math.Min(end, figure.Index + figure.Text.Length + 50)];
    }

    /// <summary>
    /// Whether the words around an earlier figure name the earlier time asked: its year and month where they name
    /// one, or "the previous month" or "a year earlier" for a time one step before the question's.
    /// </summary>
    private static bool NamesEarlier(string around, EarlierTime earlier, Period? asked)
    {
        var years = PeriodReader.Years(around);
        var months = PeriodReader.MonthsNamed(around);
        if (years.Count > 0 || months.Count > 0)
        {
            // A year asked must be the one named; a month asked, the one named; and a whole year or a relative time is
            // not a span of months ("the 22% recorded for January-June" is not the figure for 2016).
            return (earlier.Year is not { } year || years.Count == 0 || years.Contains(year))
                && (earlier.Month is { } month ? months.Count == 0 || months.Contains(month) : months.Count == 0);
        }

        // A figure set against no time named ("above 50 percent") may be a threshold, not the earlier figure.
        if (!RelativeTime().IsMatch(around))
        {
            return false;
        }

        if (earlier.Relative || asked is null)
        {
            return true;
        }

        // "in the previous month" for October against a question about November; "a year earlier" for 2016 against 2017.
        return earlier.Month is { } m
            ? (asked.Value.Year * 12) + asked.Value.EndMonth - (((earlier.Year ?? asked.Value.Year) * 12) + m) is 1 or 12
            : earlier.Year == asked.Value.Year - 1;
    }

    /// <summary>The later figure in the sentence: after the earlier one in "from A to B", else the nearest before it that is not itself set against another.</summary>
    private static Figure? LaterIn(string text, List<Figure> figures, int j)
    {
        var then = figures[j];
        if (j + 1 < figures.Count && figures[j + 1].Kind == then.Kind
            && FromBefore().IsMatch(text[Math.Max(0, then.Index - 12)..then.Index])
            && ToBetween().IsMatch(text[(then.Index + then.Text.Length)..figures[j + 1].Index]))
        {
            return figures[j + 1];
        }

        for (var k = j - 1; k >= 0; k--)
        {
            if (figures[k].Kind == then.Kind && !IsSetAgainst(text, figures, k))
            {
                return figures[k];
            }
        }

        return null;
    }

    /// <summary>The last figure of a kind that is not set against another: the later figure a pointing-back sentence speaks of.</summary>
    private static Figure? LastUnset(List<Figure> figures, string kind)
    {
        for (var k = figures.Count - 1; k >= 0; k--)
        {
            if (figures[k].Kind == kind && !IsSetAgainst(figures[k].Sentence, figures, k))
            {
                return figures[k];
            }
        }

        return null;
    }

    [GeneratedRegex(@"\bhow\s+(?:much|many|far)\b|\bwhat\s+(?:was|is|were)\s+the\s+(?:change|difference|gap)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DifferenceAsk();

    [GeneratedRegex(@"\b(?:than|from|compared\s+(?:with|to)|against|versus|exceed(?:ed|s)?|over)\s+(?<b>[^,?]{2,60}?)(?=\s*(?:[,?]|\bto\b|$))", RegexOptions.IgnoreCase)]
    private static partial Regex TimeBase();

    [GeneratedRegex(@"^(?:(?:in|during|for|of|at|the|its|a|an|each|whole|full|same|period|previous|prior|preceding|last|earlier|before|ago|years?|months?|quarters?|half|weeks?|level|figure|reading|rate|pace|total|one|two|three|four|five|six|nine|eleven|twelve|first|second|third|fourth|end|(?:19|20)\d\d(?:'s)?|q[1-4]|h[12]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s*[-–]\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)?)(?:\s+|$))+$", RegexOptions.IgnoreCase)]
    private static partial Regex OnlyTimeWords();

    [GeneratedRegex(@"\b(?:previous|prior|preceding|earlier|ago|last\s+(?:year|month|quarter)|same\s+period)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeTime();

    // "than the", "up from", "compared with", "far above the": what comes next is the figure set against.
    [GeneratedRegex(@"\b(?:than|from|compared\s+(?:with|to)|against|versus|above|below)\s+(?:(?:the|a|an|its)\s+)?(?:US\$|\$|¥|RMB\s?|CNY\s?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SetAgainst();

    // "… percent in January and 53.8 …": the next figure of a list, with no verb of its own.
    [GeneratedRegex(@"^[^\d]{0,30}?\b(?:and|or)\s+(?:(?:the|a|an)\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ListedNext();

    [GeneratedRegex(@"\bfrom\s+(?:the\s+)?(?:US\$|\$|¥)?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromBefore();

    [GeneratedRegex(@"^[^\d]{0,40}?\bto\s+(?:(?:a|an|the)\s+)?(?:US\$|\$|¥|RMB\s?|CNY\s?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ToBetween();
}
