using System.Globalization;
using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// Answers "which is larger, A or B, and by how much" from the candidates. Each figure of a sentence goes to the side
/// named nearest to it ("rose 3.6 percent in region A … region B grew 4.1 percent"), or in order after
/// "respectively"; a side the best sentence lacks is taken from the next sentence that names it. Only figures of the
/// kind asked are used (a change for "grew faster", a rate, or an amount), both sides must be of one kind, and the answer
/// states the larger side and the gap, which the grounding guard recomputes from the cited figures.
/// </summary>
public static partial class ComparisonWriter
{
    /// <summary>The comparison sentence, or null when the evidence does not give both sides in comparable figures.</summary>
    public static string? Compare(QuestionAnalysis question, IReadOnlyList<ReaderCandidate> candidates) => Work(question, candidates)?.Text;

    /// <summary>The comparison sentence and the gap it states (as written in it), or null as for <see cref="Compare"/>.</summary>
    public static (string Text, string Gap)? Work(QuestionAnalysis question, IReadOnlyList<ReaderCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(candidates);
        if (Sides(question.Text) is not { } sides)
        {
            return null;
        }

        string[][] terms = [Distinct(sides.Left, sides.Right), Distinct(sides.Right, sides.Left)];
        if (terms[0].Length == 0 || terms[1].Length == 0)
        {
            return null;
        }

        // Two periods are compared only within one sentence, which says which figure belongs to which period.
        var periodSides = terms.All(t => t.Length == 1 && t[0].All(char.IsDigit));
        // Both figures come from one article (across articles the periods and definitions may differ): the first article,
        // in rank order, whose sentences give both sides.
        var found = new Dictionary<string, Figure?[]>(StringComparer.Ordinal);
        Figure?[]? pair = null;
        foreach (var candidate in candidates)
        {
            // A table row is read by the columns of the period asked, as it is quoted.
            var text = TableRowQuote.Trim(question, candidate.Text, candidate.Item.Source.Published);
            var assigned = Assign(text, Figures(candidate, text, question), terms, sides.Coordinated);
            if (periodSides && (assigned[0] is null || assigned[1] is null))
            {
                continue;
            }

            if (!found.TryGetValue(candidate.DocumentId, out var sidesFound))
            {
                found[candidate.DocumentId] = sidesFound = new Figure?[2];
            }

            for (var side = 0; side < 2; side++)
            {
                sidesFound[side] ??= assigned[side];
            }

            if (sidesFound[0] is not null && sidesFound[1] is not null)
            {
                pair = sidesFound;
                break;
            }
        }

        if (pair is not [{ } a, { } b] || a.Kind != b.Kind || a.Value == b.Value)
        {
            return null;
        }

        var (high, low, highName, lowName) = a.Value > b.Value ? (a, b, sides.Left, sides.Right) : (b, a, sides.Right, sides.Left);
        var decimals = Math.Max(Decimals(high.Text), Decimals(low.Text));
        var gap = Math.Round(high.Value - low.Value, decimals).ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture).TrimEnd('.');
        var unit = high.Kind == "%" ? " percentage points" : high.Kind.Length > 0 && high.Kind != Count ? " " + high.Kind : string.Empty;
        // The word both figures are counted in ("278 million kilowatts … 79.82 million kilowatts") goes with them and the gap.
        var counted = high.Kind != "%" && high.Word.Length > 0 && high.Word == low.Word ? " " + high.Word : string.Empty;
        var markers = high.Marker == low.Marker ? high.Marker : high.Marker + low.Marker;
        var period = periodSides ? string.Empty : PeriodOf(high, low);
        return ($"The larger figure is for {highName}: {high.Text}{Suffix(high)}{counted} against {low.Text}{Suffix(low)}{counted} for {lowName}{period}, a gap of {gap}{unit}{counted} {markers}.", gap);
    }

    private const string Count = "count";

    /// <summary>Words that say how much of a thing is meant, not which thing: a side is named by its other words first.</summary>
    private static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal) { "overall", "total", "whole", "entire", "combined", "aggregate", "all" };

    // Word: the word right after the figure, when it can be what the figure counts ("tonnes"), else empty.
    private sealed record Figure(string Text, decimal Value, string Kind, int Index, string Marker, string DocumentId, string Sentence, Period? Period, string Word);

    /// <summary>
    /// " in January–November 2025" when both figures are for one period and the cited sentence writes its year, so the
    /// reader sees what the figures cover without reading on; otherwise nothing.
    /// </summary>
    private static string PeriodOf(Figure high, Figure low) =>
        high.Period is { } period && period == low.Period && high.Sentence.Contains(period.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            ? " in " + period.Label
            : string.Empty;

    /// <summary>
    /// The two things compared, as the question names them, and whether it coordinates them ("A or B", "A and B"): then a
    /// word before A or after B may be shared ("cumulative A and B capacity"), so the word next to the conjunction tells
    /// the sides apart best.
    /// </summary>
    internal static (string Left, string Right, bool Coordinated)? Sides(string question)
    {
        foreach (var pattern in (Regex[])[Behind(), OrPattern(), ThanPattern(), AndPattern()])
        {
            var m = pattern.Match(question);
            if (!m.Success)
            {
                continue;
            }

            // "faster in 2024 or in 2023": the two sides are the periods.
            var years = (PeriodReader.Years(m.Groups["a"].Value), PeriodReader.Years(m.Groups["b"].Value));
            if (years is ([.., var first], [var second]) && YearOnly().IsMatch(m.Groups["b"].Value))
            {
                return (first.ToString(CultureInfo.InvariantCulture), second.ToString(CultureInfo.InvariantCulture), false);
            }

            if (Tidy(m.Groups["a"].Value) is { Length: > 0 } a && Tidy(m.Groups["b"].Value) is { Length: > 0 } b)
            {
                return (a, b, pattern == OrPattern() || pattern == AndPattern());
            }
        }

        return null;
    }

    private static string Tidy(string side)
    {
        var tidy = side.Trim(' ', ',', '?', ':', '–', '-');
        for (var i = 0; i < 3; i++)
        {
            tidy = LeadingFiller().Replace(tidy, string.Empty);
        }

        return TrailingVerb().Replace(tidy, string.Empty).Trim(' ', ',', '–', '-');
    }

    /// <summary>The side's own words: its content terms (years included) that the other side does not share.</summary>
    private static string[] Distinct(string side, string other)
    {
        var theirs = TextTerms.ContentTerms(other).Concat(PeriodReader.Years(other).Select(y => y.ToString(CultureInfo.InvariantCulture))).ToHashSet(StringComparer.Ordinal);
        var own = TextTerms.ContentTerms(side)
            .Concat(PeriodReader.Years(side).Select(y => y.ToString(CultureInfo.InvariantCulture)))
            .Distinct(StringComparer.Ordinal)
            .Where(t => !theirs.Contains(t))
            .ToArray();

        // A side named only by a word the term list ignores (a country the whole knowledge base is about) keeps that word.
        return own.Length > 0 ? own : Word().Matches(side.ToLowerInvariant()).Select(m => m.Value).Where(w => !other.Contains(w, StringComparison.OrdinalIgnoreCase)).ToArray();
    }

    /// <summary>Each side's figure in one sentence: by "respectively" order, else the figure nearest to where the side is named.</summary>
    private static Figure?[] Assign(string text, List<Figure> figures, string[][] terms, bool coordinated)
    {
        // Lower case only (no synonym folding), so positions line up with the figures found in the text.
        var lower = text.ToLowerInvariant();
        var mentions = new[]
        {
            Mentions(lower, coordinated ? Heads(terms[0]).OrderBy(Qualifiers.Contains) : terms[0].OrderBy(Qualifiers.Contains).Take(1)),
            Mentions(lower, terms[1].OrderBy(Qualifiers.Contains).Take(1)),
        };
        var result = new Figure?[2];
        // "A, B and C rose 3%, 4% and 5%, respectively": the sides are named before their figures, none between the names.
        if (mentions[0].Count > 0 && mentions[1].Count > 0
            && RespectivelyList.Pair(lower, mentions[0][0], mentions[1][0], figures.Select(f => f.Index).ToList()) is { } pair)
        {
            return [figures[pair.First], figures[pair.Second]];
        }

        // A figure belongs to the side its clause names ("A rose 3.6%, while B grew 4.1%"); of the figures a side's clauses
        // hold, the one nearest to where the side is named wins ("C added 13.8 million and A 79.8 million" gives A 79.8).
        // Only a side no clause claims takes a figure from a clause that names both sides or neither, by nearness: "the
        // first phase … 138.7 billion, and the second … 204 billion" gives the second side 204, not 138.7.
        var clauses = ClauseBreak().Matches(lower).Select(m => m.Index).Prepend(0).Append(lower.Length).ToList();
        var nearest = new Figure?[2];
        var claimedDistance = new[] { int.MaxValue, int.MaxValue };
        var nearestRank = new[] { (int.MaxValue, int.MaxValue), (int.MaxValue, int.MaxValue) };
        foreach (var figure in figures)
        {
            var start = clauses.Last(c => c <= figure.Index);
            var end = clauses.First(c => c > figure.Index);
            var named = mentions.Select(m => m.Where(i => i >= start && i < end).ToList()).ToArray();
            if (named[0].Count > 0 != named[1].Count > 0)
            {
                var side = named[0].Count > 0 ? 0 : 1;
                var distance = named[side].Min(i => Distance(i, figure.Index));
                if (distance < claimedDistance[side])
                {
                    (result[side], claimedDistance[side]) = (figure, distance);
                }

                continue;
            }

            // Both sides or neither in the clause: the nearer side in the whole sentence. A clause naming both sides
            // outranks one naming neither ("A soared 130%, while B rose 56% and C 25%": B's is 56, not 130).
            // A clause naming both sides with just two figures pairs them in order ("by 15.7% in A and 17.6% in B").
            var both = named[0].Count > 0;
            var near = both ? named : mentions;
            var distances = near.Select(m => m.Count == 0 ? int.MaxValue : m.Min(i => Distance(i, figure.Index))).ToArray();
            var inClause = figures.Where(f => f.Index >= start && f.Index < end).ToList();
            if (both && inClause.Count == 2 && named[0][0] != named[1][0])
            {
                var side = (inClause[0] == figure) == (named[0][0] < named[1][0]) ? 0 : 1;
                distances[side] = 0;
                distances[1 - side] = int.MaxValue;
            }

            if (distances[0] != int.MaxValue || distances[1] != int.MaxValue)
            {
                var side = distances[0] <= distances[1] ? 0 : 1;
                var rank = (both ? 0 : 1, distances[side]);
                if (rank.CompareTo(nearestRank[side]) < 0)
                {
                    (nearest[side], nearestRank[side]) = (figure, rank);
                }
            }
        }

        result[0] ??= nearest[0];
        result[1] ??= nearest[1];
        return result;
    }

    // A figure usually follows what it measures ("capacity of A: 887 million"), so one before the name counts as farther.
    private static int Distance(int mention, int figure) => figure >= mention ? figure - mention : (mention - figure) * 2;

    /// <summary>
    /// The words that may name the first side of "A or B", from the conjunction backwards, all but the first (which may
    /// be shared: "cumulative A and B capacity"). The second side is named by its first own word: its later words are
    /// often shared ("A vs B density").
    /// </summary>
    private static IEnumerable<string> Heads(string[] left) => left.Reverse().Take(Math.Max(1, left.Length - 1));

    /// <summary>
    /// Where a sentence names a side: by the first of its own words, in order of preference, that the sentence holds
    /// (the head that tells it from the other side: "A", "B"), matched by stem so "completions" finds "completed", and a
    /// compound by its first part.
    /// </summary>
    private static List<int> Mentions(string lower, IEnumerable<string> terms)
    {
        foreach (var head in terms)
        {
            // A compound is found by its first part ("gear-to-wheel" by "gear").
            var word = head.Split('-', StringSplitOptions.RemoveEmptyEntries) is [{ Length: >= 2 } first, ..] ? first : head;
            var stem = word.Length > 5 ? word[..Math.Max(5, word.Length - 3)] : word;
            // Not inside a compound of another word ("gear" is not named by "non-gear").
            var found = Regex.Matches(lower, @"(?<![\w-])" + Regex.Escape(stem)).Select(m => m.Index).ToList();
            if (found.Count > 0)
            {
                return found;
            }
        }

        return [];
    }

    /// <summary>The figures of the kind the question compares: changes for "grew faster", rates, or amounts.</summary>
    private static List<Figure> Figures(ReaderCandidate candidate, string text, QuestionAnalysis question)
    {
        var figures = new List<Figure>();
        var previousChangeEnd = -1;
        foreach (Match m in FigurePattern().Matches(text))
        {
            if (!decimal.TryParse(m.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                || (m.Groups["u"].Length == 0 && value is >= 1900 and <= 2100)
                || Per().IsMatch(text[..m.Index]))
            {
                continue;
            }

            var kind = Kind(m.Groups["u"].Value);
            var header = TableRowQuote.Header(text, m.Index);
            if (header is not null && m.Groups["u"].Length == 0 && TableRowQuote.PercentHeader(header))
            {
                kind = "%";
            }

            // "rising 7.7 percent and 8.9 percent", "grew 5.0 percent in A, B 6.2 percent", "by 3 percent in A and 4 percent
            // in B": a rate listed after a change, with only a few words and a joining word between them, is a change too.
            var listed = previousChangeEnd >= 0 && ListedAfter().IsMatch(text[previousChangeEnd..m.Index]);
            var isChange = kind == "%" && (listed || ChangeBefore().IsMatch(text[Math.Max(0, m.Index - 30)..m.Index]) || ChangeAfter().IsMatch(text[(m.Index + m.Length)..]));
            // A bare figure under a column headed by its period alone says nothing of its kind; within one column it
            // compares as the table gives it ("Gears — Oct 2019: 8.2" against "Wheels — Oct 2019: 4.4"), gap unit-less.
            isChange |= kind == Count && header is not null && TableRowQuote.PeriodHeader(header, candidate.Item.Source.Published);
            previousChangeEnd = isChange ? m.Index + m.Length : -1;
            var wanted = question.WantsChange ? isChange : question.Measure == MeasureWanted.Rate ? kind == "%" : question.Measure != MeasureWanted.Amount || kind != "%";
            if (wanted)
            {
                var word = CountedWord().Match(text[(m.Index + m.Length)..]) is { Success: true } w && !TextTerms.IsStopWord(w.Groups["w"].Value) ? w.Groups["w"].Value : string.Empty;
                figures.Add(new Figure(m.Groups["n"].Value, value, kind, m.Index, AnswerWriter.Marker(candidate), candidate.DocumentId, text, candidate.Periods.Count > 0 ? candidate.Periods[0] : null, word));
            }
        }

        return figures;
    }

    private static string Kind(string unit) =>
        unit.Length == 0 ? Count : unit.Contains('%', StringComparison.Ordinal) || unit.StartsWith("per", StringComparison.OrdinalIgnoreCase) ? "%" : unit.ToLowerInvariant();

    private static string Suffix(Figure figure) => figure.Kind == "%" ? "%" : figure.Kind is { Length: > 0 } kind && kind != Count ? " " + kind : string.Empty;

    private static int Decimals(string number) => number.Contains('.', StringComparison.Ordinal) ? number.Length - number.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
}
