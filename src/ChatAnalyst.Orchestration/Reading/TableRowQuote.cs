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

    [GeneratedRegex(@"^(?<label>[^—;:]{1,80}) — (?<cells>[^—]+)$")]
    private static partial Regex Row();

    [GeneratedRegex(@"^(?:y/y|yoy|change|chg|growth|pct|%)[^:]*:", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeHeader();
}
