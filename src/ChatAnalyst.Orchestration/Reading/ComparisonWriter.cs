using System.Globalization;
using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Offline;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// Answers "which is larger, A or B, and by how much" from the candidates: finds the figure the evidence gives for each
/// side (in one sentence — "rose 3.6 percent … grew 4.1 percent", "17.55 percent and 13.56 percent respectively" — or in
/// two), checks they are the same kind (two rates, or two amounts in the same scale), and states the larger side and
/// the gap. The gap is derived from cited figures; the grounding guard recomputes it.
/// </summary>
public static partial class ComparisonWriter
{
    /// <summary>The comparison sentence, or null when the evidence does not give both sides in comparable figures.</summary>
    public static string? Compare(QuestionAnalysis question, IReadOnlyList<ReaderCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(candidates);
        if (Sides(question.Text) is not { } sides)
        {
            return null;
        }

        var left = Distinct(sides.Left, sides.Right);
        var right = Distinct(sides.Right, sides.Left);
        if (left.Count == 0 || right.Count == 0)
        {
            return null;
        }

        Figure? a = null, b = null;
        foreach (var candidate in candidates)
        {
            var figures = Figures(candidate);
            var both = Pair(candidate, figures, left, right);
            if (both is { } pair)
            {
                (a, b) = pair;
                break;
            }

            a ??= Single(candidate, figures, left, right);
            b ??= Single(candidate, figures, right, left);
            if (a is not null && b is not null)
            {
                break;
            }
        }

        if (a is null || b is null || a.Kind != b.Kind || a.Value == b.Value)
        {
            return null;
        }

        var (high, low, highName, lowName) = a.Value > b.Value ? (a, b, sides.Left, sides.Right) : (b, a, sides.Right, sides.Left);
        var decimals = Math.Max(Decimals(high.Text), Decimals(low.Text));
        var gap = Math.Round(high.Value - low.Value, decimals).ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture).TrimEnd('.');
        var unit = high.Kind == "%" ? " percentage points" : " " + high.Kind;
        var markers = high.Marker == low.Marker ? high.Marker : high.Marker + low.Marker;
        return $"The larger figure is for {highName}: {high.Text}{Suffix(high)} against {low.Text}{Suffix(low)} for {lowName}, a gap of {gap}{unit} {markers}.";
    }

    private sealed record Figure(string Text, decimal Value, string Kind, int Index, string Marker);

    /// <summary>The two things compared, as the question names them.</summary>
    internal static (string Left, string Right)? Sides(string question)
    {
        var m = OrPattern().Match(question);
        if (!m.Success)
        {
            m = ThanPattern().Match(question);
        }

        return m.Success ? (Tidy(m.Groups["a"].Value), Tidy(m.Groups["b"].Value)) : null;
    }

    private static string Tidy(string side)
    {
        var tidy = side.Trim(' ', ',', '?', ':');
        for (var i = 0; i < 3; i++)
        {
            tidy = LeadingFiller().Replace(tidy, string.Empty);
        }

        return TrailingVerb().Replace(tidy, string.Empty).Trim();
    }

    private static List<string> Distinct(string side, string other)
    {
        var mine = TextTerms.ContentTerms(side);
        var theirs = TextTerms.ContentTerms(other).ToHashSet(StringComparer.Ordinal);
        return mine.Where(t => !theirs.Contains(t) && !t.All(char.IsDigit)).ToList();
    }

    private static List<Figure> Figures(ReaderCandidate candidate) =>
        FigurePattern().Matches(candidate.Text)
            .Select(m => (m, ok: decimal.TryParse(m.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v), v))
            .Where(x => x.ok && !(x.m.Groups["u"].Length == 0 && x.v is >= 1900 and <= 2100))
            .Select(x => new Figure(x.m.Groups["n"].Value, x.v, Kind(x.m.Groups["u"].Value), x.m.Index, AnswerWriter.Marker(candidate)))
            .ToList();

    private static string Kind(string unit) => unit.Length == 0 ? string.Empty : unit.Contains('%', StringComparison.Ordinal) || unit.StartsWith("per", StringComparison.OrdinalIgnoreCase) ? "%" : unit.ToLowerInvariant();

    private static string Suffix(Figure figure) => figure.Kind == "%" ? "%" : figure.Kind.Length > 0 ? " " + figure.Kind : string.Empty;

    /// <summary>Both sides in one sentence: by "respectively" order, or each side's first figure after its mention.</summary>
    private static (Figure, Figure)? Pair(ReaderCandidate candidate, List<Figure> figures, List<string> left, List<string> right)
    {
        var lower = TextTerms.Fold(candidate.Text);
        var l = FirstMention(lower, left);
        var r = FirstMention(lower, right);
        var usable = figures.Where(f => f.Kind.Length > 0).ToList();
        if (l < 0 || r < 0 || usable.Count < 2)
        {
            return null;
        }

        if (lower.Contains("respectively", StringComparison.Ordinal))
        {
            var ordered = usable.Where(f => f.Index > Math.Max(l, r)).Take(2).ToList();
            return ordered.Count == 2 ? l < r ? (ordered[0], ordered[1]) : (ordered[1], ordered[0]) : null;
        }

        var fa = usable.FirstOrDefault(f => f.Index > l && (l > r || f.Index < r || r < l));
        var fb = usable.FirstOrDefault(f => f.Index > r && (r > l || f.Index < l));
        return fa is not null && fb is not null && fa != fb ? (fa, fb) : null;
    }

    /// <summary>A sentence about one side only (it names that side and not the other): its first figure.</summary>
    private static Figure? Single(ReaderCandidate candidate, List<Figure> figures, List<string> side, List<string> other)
    {
        var lower = TextTerms.Fold(candidate.Text);
        var at = FirstMention(lower, side);
        return at < 0 || FirstMention(lower, other) >= 0 ? null : figures.FirstOrDefault(f => f.Kind.Length > 0 && f.Index > at);
    }

    /// <summary>Where the sentence names a side: the first of the side's own words, in the side's order, that it contains.</summary>
    private static int FirstMention(string lower, List<string> terms) =>
        terms.Select(t => Regex.Match(lower, @"\b" + Regex.Escape(t))).Where(m => m.Success).Select(m => m.Index).DefaultIfEmpty(-1).First();

    private static int Decimals(string number) => number.Contains('.', StringComparison.Ordinal) ? number.Length - number.IndexOf('.', StringComparison.Ordinal) - 1 : 0;

    [GeneratedRegex(@"(?:^|[,:]|\b(?:faster|slower|higher|lower|larger|bigger|smaller|more|less|fewer|better|worse)\b)\s*(?:in\s+\d{4}\s*,?\s*)?(?:in china\s*,?\s*|china'?s?\s+)?(?<a>[^,:?]{2,80}?)\s+(?:or|vs\.?|versus)\s+(?<b>[^,?]{2,80}?)(?=\s*(?:[,?]|\band\b|\bin\s+(?:19|20)\d\d|$))", RegexOptions.IgnoreCase)]
    private static partial Regex OrPattern();

    [GeneratedRegex(@"\b(?:did|does|was|were|is|are)\s+(?<a>.{2,80}?)\s+(?:grow|rise|increase|fall|expand)?\s*(?:faster|slower|more|higher|lower|less)\s+than\s+(?<b>[^,?]{2,80}?)(?=\s*(?:[,?]|$|\bin\b))", RegexOptions.IgnoreCase)]
    private static partial Regex ThanPattern();

    [GeneratedRegex(@"^(?:which|what)\b.*?\b(?:grew|rose|was|were|is|are|had|did)\b\s*(?:faster|slower|higher|lower|larger|bigger|more|less)?\s*(?:in\s+\d{4}\s*)?(?:in china\s*)?[,:]?\s*|^(?:the|china'?s?|chinese|did|does|do|was|were|is|are|has|have)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingFiller();

    [GeneratedRegex(@"\s+(?:grow|grew|rise|rose|fall|fell|increase|increased|decrease|decreased|expand|expanded|drop|dropped|decline|declined)\b.*$|\s+(?:output|shipments)?\s*(?:faster|slower|more|less)$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingVerb();

    [GeneratedRegex(@"(?<![\w.])(?<n>\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*(?<u>%|percent|per cent|million|billion|trillion|thousand)\b|(?<u>%))?", RegexOptions.IgnoreCase)]
    private static partial Regex FigurePattern();
}
