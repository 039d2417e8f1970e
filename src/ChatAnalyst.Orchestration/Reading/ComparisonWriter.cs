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

        // The first side is named by the words next to the conjunction; only when no sentence gives a pair that way, by
        // its first word too ("gadget trade" found in "the gadget index").
        // Each sentence's figures are read once, when first needed (a table row by the columns of the period asked, as it
        // is quoted): a pair is usually found in the first sentences.
        var sentences = new Sentence?[candidates.Count];
        Sentence Read(int i)
        {
            if (sentences[i] is { } seen)
            {
                return seen;
            }

            var c = candidates[i];
            var text = TableRowQuote.Trim(question, c.Text, c.Item.Source.Published);
            return sentences[i] = new Sentence(c.DocumentId, text, Figures(c, text, question));
        }

        var read = Enumerable.Range(0, candidates.Count).Select(Read);
        var pair = Pair(read, terms, sides.Coordinated, loose: false)
            ?? (sides.Coordinated ? Pair(read, terms, coordinated: true, loose: true) : null);
        // A question that names no kind of figure ("the gap between A and B") compares figures of one kind: when the
        // nearest figures differ in kind ("A rose 9.2% to 12.68 million tons, while B totaled 4.84 million tons"), the
        // amounts alone, then the rates alone.
        if (pair is [{ } first, { } second] && first.Kind != second.Kind && question.Intent == QuestionIntent.Comparison && question.Measure == MeasureWanted.Any && !question.WantsChange)
        {
            pair = Pair(read, terms, sides.Coordinated, loose: false, f => f.Kind != "%")
                ?? Pair(read, terms, sides.Coordinated, loose: false, f => f.Kind == "%");
        }

        if (pair is not [{ } a, { } b] || a.Kind != b.Kind || a.Value == b.Value)
        {
            return null;
        }

        // A rise against a fall compares by sign ("up 1.7%" is above "down 2.1%"); two rises or two falls by size, as
        // "which fell more" asks.
        var signed = a.Falls != b.Falls;
        var (high, low, highName, lowName) = Signed(a, signed) > Signed(b, signed) ? (a, b, sides.Left, sides.Right) : (b, a, sides.Right, sides.Left);
        var (gap, unit, counted) = GapOf(high, low, signed);
        var markers = high.Marker == low.Marker ? high.Marker : high.Marker + low.Marker;
        var period = PeriodSides(terms) ? string.Empty : PeriodOf(high, low);
        return ($"The larger figure is for {highName}: {Shown(high, signed)}{counted} against {Shown(low, signed)}{counted} for {lowName}{period}, a gap of {gap}{unit}{counted} {markers}.", gap);
    }

    /// <summary>
    /// How far <paramref name="high"/> lies above <paramref name="low"/>, written at the figures' precision (with their
    /// thousands separators); the unit of the gap (points for rates); and the word both figures count, if one.
    /// </summary>
    private static (string Gap, string Unit, string Counted) GapOf(Figure high, Figure low, bool signed)
    {
        var decimals = Math.Max(Decimals(high.Text), Decimals(low.Text));
        var grouped = high.Text.Contains(',', StringComparison.Ordinal) || low.Text.Contains(',', StringComparison.Ordinal);
        var gap = Math.Round(Signed(high, signed) - Signed(low, signed), decimals)
            .ToString((grouped ? "#,##0." : "0.") + new string('0', decimals), CultureInfo.InvariantCulture).TrimEnd('.');
        var unit = high.Kind == "%" ? " percentage points" : high.Kind.Length > 0 && high.Kind != Count ? " " + high.Kind : string.Empty;
        // The word both figures are counted in ("278 million kilowatts … 79.82 million kilowatts") goes with them and the gap.
        var counted = high.Kind != "%" && high.Word.Length > 0 && high.Word == low.Word ? " " + high.Word : string.Empty;
        return (gap, unit, counted);
    }

    private const string Count = "count";

    /// <summary>A candidate sentence as a comparison reads it: its article, its text as quoted, its figures.</summary>
    private sealed record Sentence(string DocumentId, string Text, List<Figure> Figures);

    /// <summary>The sides are two years: compared only within one sentence, which says which figure belongs to which.</summary>
    private static bool PeriodSides(string[][] terms) => terms.All(t => t.Length == 1 && t[0].All(char.IsDigit));

    /// <summary>
    /// Both sides' figures from one article (across articles the periods and definitions may differ): the first article,
    /// in rank order, whose sentences give both sides; or null.
    /// </summary>
    private static Figure?[]? Pair(IEnumerable<Sentence> read, string[][] terms, bool coordinated, bool loose, Predicate<Figure>? kind = null)
    {
        var periodSides = PeriodSides(terms);
        var found = new Dictionary<string, Figure?[]>(StringComparer.Ordinal);
        foreach (var (documentId, text, all) in read)
        {
            var assigned = Assign(text, kind is null ? all : all.FindAll(kind), terms, coordinated, loose);
            if (periodSides && (assigned[0] is null || assigned[1] is null))
            {
                continue;
            }

            if (!found.TryGetValue(documentId, out var sidesFound))
            {
                found[documentId] = sidesFound = new Figure?[2];
            }

            for (var side = 0; side < 2; side++)
            {
                sidesFound[side] ??= assigned[side];
            }

            if (sidesFound[0] is not null && sidesFound[1] is not null)
            {
                return sidesFound;
            }
        }

        return null;
    }

    /// <summary>Words that say how much of a thing is meant, not which thing: a side is named by its other words first.</summary>
    private static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal) { "overall", "total", "whole", "entire", "combined", "aggregate", "all" };


    /// <summary>
    /// " in January–November 2025" when both figures are for one period and the cited sentence writes its year, so the
    /// reader sees what the figures cover without reading on; otherwise nothing. Within one sentence a year written in a
    /// side clause with only one of the figures ("A has 45,400 km, behind B, which had 90,000 km in 2005") dates that
    /// figure alone.
    /// </summary>
    private static string PeriodOf(Figure high, Figure low)
    {
        var year = high.Period?.Year.ToString(CultureInfo.InvariantCulture);
        var at = year is null || high.Period != low.Period ? -1 : high.Sentence.IndexOf(year, StringComparison.Ordinal);
        var oneSided = at >= 0 && high.Sentence == low.Sentence
            && SideClauses().Matches(high.Sentence).FirstOrDefault(c => Inside(c, at)) is { } clause
            && Inside(clause, high.Index) != Inside(clause, low.Index);
        return at >= 0 && !oneSided ? " in " + high.Period!.Value.Label : string.Empty;
    }

    private static bool Inside(Match clause, int index) => clause.Index <= index && index < clause.Index + clause.Length;

    /// <summary>The side's own words: its content terms (years included) that the other side does not share.</summary>
    private static string[] Distinct(string side, string other)
    {
        var theirs = TextTerms.ContentTerms(other).Concat(PeriodReader.Years(other).Select(y => y.ToString(CultureInfo.InvariantCulture))).ToHashSet(StringComparer.Ordinal);
        var own = TextTerms.ContentTerms(side)
            .Concat(PeriodReader.Years(side).Select(y => y.ToString(CultureInfo.InvariantCulture)))
            .Distinct(StringComparer.Ordinal)
            .Where(t => !theirs.Contains(t))
            .ToList();
        // An abbreviation the term list reads as a common word ("US") still names the side, first of all.
        own.InsertRange(0, Acronym().Matches(side).Select(m => m.Value).Where(a => !other.Contains(a, StringComparison.Ordinal)).Where(a => TextTerms.ContentTerms(a).Count == 0).Select(a => a.ToLowerInvariant()));

        // A side named only by a word the term list ignores (a country the whole knowledge base is about) keeps that word.
        return own.Count > 0 ? [.. own] : Word().Matches(side.ToLowerInvariant()).Select(m => m.Value).Where(w => !other.Contains(w, StringComparison.OrdinalIgnoreCase)).ToArray();
    }

    /// <summary>Each side's figure in one sentence: by "respectively" order, else the figure nearest to where the side is named.</summary>
    private static Figure?[] Assign(string text, List<Figure> figures, string[][] terms, bool coordinated, bool loose)
    {
        // Lower case only (no synonym folding), so positions line up with the figures found in the text.
        var lower = text.ToLowerInvariant();
        var mentions = new[]
        {
            Mentions(text, lower, coordinated ? Heads(terms[0]).OrderBy(Qualifiers.Contains).Concat(terms[0].Take(loose ? 1 : 0)) : terms[0].OrderBy(Qualifiers.Contains).Take(1)),
            Mentions(text, lower, terms[1].OrderBy(Qualifiers.Contains).Take(1)),
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
                var distance = named[side].Min(i => Distance(lower, i, figure.Index));
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
            var distances = near.Select(m => m.Count == 0 ? int.MaxValue : m.Min(i => Distance(lower, i, figure.Index))).ToArray();
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

    // A figure usually follows what it measures ("capacity of A: 887 million"), so one before the name counts as farther,
    // unless it counts the named thing ("14.6 million tonnes of A, 3.9 million tonnes of B"): then it is A's.
    private static int Distance(string lower, int mention, int figure) =>
        figure >= mention ? figure - mention
        : CountsOf().IsMatch(lower[figure..mention]) ? 0
        : (mention - figure) * 2;

    /// <summary>
    /// The words that may name the first side of "A or B", from the conjunction backwards, all but the first (which may
    /// be shared: "cumulative A and B capacity"). The second side is named by its first own word: its later
    /// words are often shared ("A vs B density").
    /// </summary>
    private static IEnumerable<string> Heads(string[] left) => left.Reverse().Take(Math.Max(1, left.Length - 1));

    /// <summary>
    /// Where a sentence names a side: by the first of its own words, in order of preference, that the sentence holds
    /// (the head that tells it from the other side: "A", "B"), matched by stem so "completions" finds "completed", and a
    /// compound by its first part. A two-letter word is matched whole ("us" is not in "used", nor in "US$"; longer terms are stems), and an abbreviation
    /// the sentence spells out is found there ("the GW" in "the Gear Works").
    /// </summary>
    private static List<int> Mentions(string text, string lower, IEnumerable<string> terms)
    {
        foreach (var head in terms)
        {
            // A compound is found by its first part ("gear-to-wheel" by "gear").
            var word = head.Split('-', StringSplitOptions.RemoveEmptyEntries) is [{ Length: >= 2 } first, ..] ? first : head;
            var stem = word.Length > 5 ? word[..Math.Max(5, word.Length - 3)] : word;
            // Not inside a compound of another word ("gear" is not named by "non-gear").
            var pattern = @"(?<![\w-])" + Regex.Escape(stem) + (word.Length <= 2 ? @"(?![\w$])" : string.Empty);
            var found = Regex.Matches(lower, pattern).Select(m => m.Index).ToList();
            if (found.Count == 0 && word.Length is >= 2 and <= 7 && word.All(char.IsAsciiLetter) && AbbreviationReader.SpelledOut(text, word) is { } spelled)
            {
                found.Add(text.IndexOf(spelled, StringComparison.Ordinal));
            }

            if (found.Count > 0)
            {
                return found;
            }
        }

        return [];
    }
}
