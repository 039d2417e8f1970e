using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// Quotes a wide table row by the columns asked: "Gears — Oct 2019: -2.1; Sep 2019: 4.1; …" becomes "Gears — Oct 2019:
/// -2.1" for an October 2019 question. A row is the decoder's form of a table line (its label, then "header: value"
/// cells); a row with no column for a period asked is quoted whole.
/// </summary>
internal static partial class TableRowQuote
{
    /// <summary>Rows of at most this many cells are quoted whole: they read as a sentence.</summary>
    private const int Narrow = 3;

    public static string Trim(QuestionAnalysis question, string text, DateOnly? published)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(text);
        var asked = question.Periods.Count > 0 ? question.Periods : question.Period is { } one ? [one] : [];
        if (asked.Count == 0 || Row().Match(text) is not { Success: true } row)
        {
            return text;
        }

        var cells = row.Groups["cells"].Value.Split("; ");
        if (cells.Length <= Narrow)
        {
            return text;
        }

        var kept = new List<string>();
        for (var i = 0; i < cells.Length; i++)
        {
            var colon = cells[i].LastIndexOf(": ", StringComparison.Ordinal);
            if (colon > 0 && PeriodReader.Read(cells[i][..colon], published).Any(p => asked.Contains(p, Period.SameMonths)))
            {
                kept.Add(cells[i]);
                // A change column right after the period's own ("Jan-Oct (bn): 549.8; Y/Y: 4.3") belongs to it.
                if (i + 1 < cells.Length && ChangeHeader().IsMatch(cells[i + 1]))
                {
                    kept.Add(cells[++i]);
                }
            }
        }

        return kept.Count == 0 ? text : $"{row.Groups["label"].Value} — {string.Join("; ", kept)}";
    }

    /// <summary>
    /// The column header of the cell whose value starts at <paramref name="index"/> of a row ("Oct 2019" for the 8.2 of
    /// "Gears — Oct 2019: 8.2; Sep 2019: 4.1"), or null when the text is no row or the figure is not a cell's value.
    /// </summary>
    public static string? Header(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        var row = Row().Match(text);
        var cells = row.Groups["cells"];
        if (!row.Success || index < cells.Index || index < 2 || text[(index - 2)..index] != ": ")
        {
            return null;
        }

        var start = Math.Max(text.LastIndexOf("; ", index - 2, StringComparison.Ordinal) + 2, cells.Index);
        var header = text[start..(index - 2)];
        return header.Contains(':', StringComparison.Ordinal) ? null : header;
    }

    /// <summary>Whether a header says its figures are percentages ("Y/Y pct chg", "Share (%)").</summary>
    public static bool PercentHeader(string header) => PercentWords().IsMatch(header);

    /// <summary>Whether a header is a period and nothing else ("Oct 2019", "Jan-Feb"): it gives its figures no unit.</summary>
    public static bool PeriodHeader(string header, DateOnly? published)
    {
        ArgumentNullException.ThrowIfNull(header);
        return PeriodReader.Read(header, published).Count > 0 && !UnitWords().IsMatch(header);
    }

    [GeneratedRegex(@"%|\b(?:pct|percent|per cent|y/y|yoy|chg|change|growth)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PercentWords();

    // A header naming a unit or a measure besides its period ("Jan-Oct (bln kWh)", "2024 revenue").
    [GeneratedRegex(@"[(/]|\b(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|q[1-4]\b|h[12]\b)[a-z]{3,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex UnitWords();

    [GeneratedRegex(@"^(?<label>[^—;:]{1,80}) — (?<cells>[^—]+)$")]
    private static partial Regex Row();

    [GeneratedRegex(@"^(?:y/y|yoy|change|chg|growth|pct|%)[^:]*:", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeHeader();
}
