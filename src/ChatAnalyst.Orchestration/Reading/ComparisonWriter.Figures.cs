using System.Globalization;
using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>How <see cref="ComparisonWriter"/> reads the figures of a sentence: their kind, sign and what they count.</summary>
public static partial class ComparisonWriter
{
    // Word: the word right after the figure, when it can be what the figure counts ("tonnes"), else empty.
    // Falls: a change the sentence says went down ("dropped 2.1 percent"); Value is its size either way.
    // Currency: the symbol written before the figure ("$", "US$"), shown with it.
    // Unit: the unit as the sentence writes it ("percent", "per cent", "%", "million"), shown the same way.
    private sealed record Figure(string Text, decimal Value, string Kind, int Index, string Marker, string DocumentId, string Sentence, Period? Period, string Word, bool Falls = false, string Currency = "", string Unit = "");

    /// <summary>The figures of the kind the question compares: changes for "grew faster", rates, or amounts.</summary>
    private static List<Figure> Figures(ReaderCandidate candidate, string text, QuestionAnalysis question)
    {
        var figures = new List<Figure>();
        var previousChangeEnd = -1;
        foreach (Match m in FigurePattern().Matches(text))
        {
            if (!decimal.TryParse(m.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                || (m.Groups["u"].Length == 0 && value is >= 1900 and <= 2100)
                || Per().IsMatch(text[..m.Index])
                // "58.5%, 2.6 percentage points lower than the previous month": the points are the distance between two
                // figures, not a figure of a side, unless the question asks how far something moved.
                || (!question.WantsChange && PointsApart().IsMatch(text[(m.Index + m.Groups["n"].Length)..])))
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
            // A share written after a change ("up 4.1 percent, giving it a 9.5 percent share") is not a second change.
            var listed = previousChangeEnd >= 0 && ListedAfter().IsMatch(text[previousChangeEnd..m.Index]) && !ShareAfter().IsMatch(text[(m.Index + m.Length)..]);
            var isChange = kind == "%" && (listed || IsChangeAt(text, m.Index, m.Index + m.Length));
            // A bare figure under a column headed by its period alone says nothing of its kind; within one column it
            // compares as the table gives it ("Gears — Oct 2019: 8.2" against "Wheels — Oct 2019: 4.4"), gap unit-less.
            isChange |= kind == Count && header is not null && TableRowQuote.PeriodHeader(header, candidate.Item.Source.Published);
            previousChangeEnd = isChange ? m.Index + m.Length : -1;
            var wanted = question.WantsChange ? isChange : question.Measure == MeasureWanted.Rate ? kind == "%" : question.Measure != MeasureWanted.Amount || kind != "%";
            if (wanted)
            {
                var word = CountedWord().Match(text[(m.Index + m.Length)..]) is { Success: true } w && !TextTerms.IsStopWord(w.Groups["w"].Value) ? w.Groups["w"].Value : string.Empty;
                var falls = isChange && FallBefore().IsMatch(text[Math.Max(0, m.Index - 30)..m.Index]);
                var currency = CurrencyBefore().Match(text[Math.Max(0, m.Index - 3)..m.Index]).Value;
                figures.Add(new Figure(m.Groups["n"].Value, value, kind, m.Index, AnswerWriter.Marker(candidate), candidate.DocumentId, text, candidate.Periods.Count > 0 ? candidate.Periods[0] : null, word, falls, currency, m.Groups["u"].Value));
            }
        }

        // What the question counts ("handled more visitors") chooses among figures that count different things
        // ("83,700 stalls and 12.61 million visitors").
        if (figures.Any(f => Counts(f, question)))
        {
            figures.RemoveAll(f => f.Kind != "%" && f.Word.Length > 0 && !Counts(f, question));
        }

        return figures;
    }

    /// <summary>Whether the rate written from <paramref name="start"/> to <paramref name="end"/> reads as a change ("rose 6.7 percent", "6.7 percent more than a year earlier").</summary>
    internal static bool IsChangeAt(string text, int start, int end) =>
        ChangeBefore().IsMatch(text[Math.Max(0, start - 30)..start]) || ChangeAfter().IsMatch(text[end..]);

    /// <summary>Whether the rate written from <paramref name="start"/> to <paramref name="end"/> reads as a share ("made up 37.8 percent", "37.8 percent of the total").</summary>
    internal static bool IsShareAt(string text, int start, int end) =>
        ShareAfter().IsMatch(text[end..]) || ShareBefore().IsMatch(text[Math.Max(0, start - 30)..start]);

    private static bool Counts(Figure figure, QuestionAnalysis question) =>
        figure.Word.Length > 0 && question.Terms.ContainsKey(TextTerms.Stem(figure.Word.ToLowerInvariant()));

    /// <summary>The figure as the answer states it: its currency symbol, number and unit as the source writes them; "a fall of …" when the comparison mixes a rise and a fall.</summary>
    private static string Shown(Figure figure, bool signed) => (signed && figure.Falls ? "a fall of " : string.Empty) + figure.Currency + figure.Text + Suffix(figure);

    /// <summary>The figure's value for comparing: below zero for a fall when the other side rose.</summary>
    private static decimal Signed(Figure figure, bool signed) => signed && figure.Falls ? -figure.Value : figure.Value;

    private static string Kind(string unit) =>
        unit.Length == 0 ? Count : unit.Contains('%', StringComparison.Ordinal) || unit.StartsWith("per", StringComparison.OrdinalIgnoreCase) ? "%" : unit.ToLowerInvariant();

    // "34.6 percent" stays "34.6 percent" and "34.6%" stays "34.6%"; a rate under a column headed in percent is shown with "%".
    private static string Suffix(Figure figure) =>
        figure.Unit is "%" ? "%"
        : figure.Unit.Length > 0 ? " " + figure.Unit
        : figure.Kind == "%" ? "%"
        : figure.Kind is { Length: > 0 } kind && kind != Count ? " " + kind : string.Empty;

    private static int Decimals(string number) => number.Contains('.', StringComparison.Ordinal) ? number.Length - number.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
}
