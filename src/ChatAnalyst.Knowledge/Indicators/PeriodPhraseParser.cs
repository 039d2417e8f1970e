using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// Finds the periods that prose names: "January to November 2025", "Jan-Nov 2024", "the first eleven months of 2024",
/// "first half of 2025", "Q4 2024", "the third quarter of 2025", "December 2024", "mid-2025", "end of 2024", "in 2024", and the
/// Chinese forms "2025年1-11月", "2025年上半年", "2024年". Used by figure extraction and to read a period a user typed.
/// </summary>
public static partial class PeriodPhraseParser
{
    private const string MonthAlternation =
        "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

    private static readonly string[] Ordinals = ["first", "second", "third", "fourth"];

    /// <summary>
    /// Every period the text names, in order of appearance. Dates with a day ("January 21, 2025"), year ranges
    /// ("2021-2025"), "since 2015" and names like "Made in China 2025" are deliberately not periods.
    /// </summary>
    public static IReadOnlyList<PeriodMention> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<PeriodMention>();
        var taken = new bool[text.Length];

        // Most specific first; each match claims its characters so "2025" inside "January–November 2025" is not also a year.
        foreach (var (regex, build) in Patterns)
        {
            foreach (Match m in regex.Matches(text))
            {
                if (Enumerable.Range(m.Index, m.Length).Any(i => taken[i]))
                {
                    continue;
                }

                for (var i = m.Index; i < m.Index + m.Length; i++)
                {
                    taken[i] = true;
                }

                if (build(m) is { } period)
                {
                    found.Add(new PeriodMention(period, m.Index, m.Length, IsComparisonBase(text[..m.Index], period)));
                }
            }
        }

        return found.OrderBy(f => f.Index).ToList();
    }

    /// <summary>The first period the text names as the period covered (not a comparison base or release date), or null.</summary>
    public static Period? FindFirst(string? text) =>
        string.IsNullOrEmpty(text) ? null : FindAll(text).FirstOrDefault(m => !m.IsComparisonBase)?.Period;

    /// <summary>
    /// Reads a period given either in machine form (<c>2025-01..11</c>) or as a phrase that names exactly one
    /// period ("Q4 2024", "January–November 2025", "December 2024").
    /// </summary>
    public static bool TryParse(string? text, out Period period)
    {
        if (Period.TryParse(text, out period))
        {
            return true;
        }

        var mentions = string.IsNullOrWhiteSpace(text) ? [] : FindAll(text);
        if (mentions.Count == 1)
        {
            period = mentions[0].Period;
            return true;
        }

        period = default;
        return false;
    }

    private static readonly (Regex Regex, Func<Match, Period?> Build)[] Patterns =
    [
        (ChineseYearToDate(), m => YearToDate(m.Groups["y"].Value, m.Groups["m"].Value)),
        (ChineseHalf(), m => YearToDate(m.Groups["y"].Value, "6")),
        (ChineseFirstQuarters(), m => YearToDate(m.Groups["y"].Value, (ChineseCount(m.Groups["n"].Value) * 3).ToString(CultureInfo.InvariantCulture))),
        (ChineseFirstMonths(), m => YearToDate(m.Groups["y"].Value, ChineseCount(m.Groups["n"].Value).ToString(CultureInfo.InvariantCulture))),
        (ChineseQuarter(), m => Quarter(m.Groups["y"].Value, "一二三四".IndexOf(m.Groups["q"].Value, StringComparison.Ordinal) is var i and >= 0 ? (i + 1).ToString(CultureInfo.InvariantCulture) : m.Groups["q"].Value)),
        (ChineseMonth(), m => Month(m.Groups["y"].Value, int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture))),
        (YearRange(), _ => null),
        (DateWithDay(), _ => null),
        (NotAPeriod(), _ => null),
        (JanuaryAndFebruary(), m => YearToDate(m.Groups["y"].Value, "2")),
        (MonthRange(), m => MonthNumber(m.Groups["from"].Value) == 1 ? YearToDate(m.Groups["y"].Value, MonthNumber(m.Groups["to"].Value).ToString(CultureInfo.InvariantCulture)) : null),
        (FirstMonths(), m => YearToDate(m.Groups["y"].Value, Count(m.Groups["n"].Value)?.ToString(CultureInfo.InvariantCulture) ?? "0")),
        (FirstHalf(), m => YearToDate(m.Groups["y"].Value, "6")),
        (FirstQuarters(), m => YearToDate(m.Groups["y"].Value, ((Count(m.Groups["n"].Value) ?? 0) * 3).ToString(CultureInfo.InvariantCulture))),
        (QuarterRange(), m => m.Groups["a"].Value == "1" ? YearToDate(m.Groups["y"].Value, (int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture) * 3).ToString(CultureInfo.InvariantCulture)) : null),
        (OrdinalQuarter(), m => Quarter(m.Groups["y"].Value, (Array.IndexOf(Ordinals, m.Groups["q"].Value.ToLowerInvariant()) + 1).ToString(CultureInfo.InvariantCulture))),
        (QuarterShort(), m => Quarter(m.Groups["y"].Success ? m.Groups["y"].Value : m.Groups["y2"].Value, m.Groups["q"].Success ? m.Groups["q"].Value : m.Groups["q2"].Value)),
        (MonthYear(), m => Month(m.Groups["y"].Value, MonthNumber(m.Groups["m"].Value))),
        (MidYear(), m => Month(m.Groups["y"].Value, 6)),
        (ChineseYear(), m => Year(m.Groups["y"].Value)),
        (PlainYear(), m => Year(m.Groups["y"].Value)),
    ];

    // "from January to October 2025" is the period itself; "from 2023" (to a later year) is a base.
    private static bool IsComparisonBase(string before, Period period) =>
        ComparisonBase().Match(before) is { Success: true } m
        && !(period.Kind == PeriodKind.YearToDate && m.Value.TrimStart().StartsWith("from", StringComparison.OrdinalIgnoreCase));

    private static int MonthNumber(string name)
    {
        var key = name.ToLowerInvariant()[..3];
        return Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames, a => a.Length > 0 && a.Equals(key, StringComparison.OrdinalIgnoreCase)) + 1;
    }

    private static int? Count(string n) =>
        int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : Text.NumberWords.Values.TryGetValue(n, out var w) && w is >= 2 and <= 12 ? w : null;

    private static Period? Year(string y) => Period.TryParse(y, out var p) ? p : null;

    private static Period? Quarter(string y, string q) => Period.TryParse($"{y}Q{q}", out var p) ? p : null;

    private static Period? Month(string y, int month) =>
        month is >= 1 and <= 12 && Period.TryParse(string.Create(CultureInfo.InvariantCulture, $"{y}-{month:D2}"), out var p) ? p : null;

    private static Period? YearToDate(string y, string through) =>
        int.TryParse(through, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12
            ? m == 12 ? Year(y) : Period.TryParse(string.Create(CultureInfo.InvariantCulture, $"{y}-01..{m:D2}"), out var p) ? p : null
            : null;

    // Words that make the following period a comparison base or a release date rather than the period a figure covers.
    [GeneratedRegex(@"\b(?:over|than|from|on|against|versus|vs\.?|compared\s+(?:with|to)|published|released|announced|issued|reported)\s+(?:(?:in|on|at|during)\s+)?(?:the\s+same\s+(?:period|month|quarter|time)\s+(?:of|in|last)\s+)?(?:the\s+end\s+of\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ComparisonBase();

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})\s*年\s*(?:1|一)\s*[-—–~至到]\s*(?<m>1[0-2]|[1-9])\s*月")]
    private static partial Regex ChineseYearToDate();

    /// <summary>"三" → 3, "十一" → 11, "8" → 8; 0 when it is no count of months or quarters.</summary>
    private static int ChineseCount(string n) =>
        int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
        : n switch { "十" => 10, "十一" => 11, "两" => 2, _ => n.Length == 1 ? "一二三四五六七八九".IndexOf(n, StringComparison.Ordinal) + 1 : 0 };

    // "2022年前三季度": the first three quarters, January to September.
    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})\s*年\s*前\s*(?<n>[一二两三1-3])\s*(?:个)?季度")]
    private static partial Regex ChineseFirstQuarters();

    // "2021年前7个月", "2022年前八个月": the first months of the year.
    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})\s*年\s*前\s*(?<n>1[01]|[1-9]|十一|十|[一二两三四五六七八九])\s*个\s*月")]
    private static partial Regex ChineseFirstMonths();

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})\s*年\s*上半年")]
    private static partial Regex ChineseHalf();

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})\s*年\s*第?(?<q>[一二三四1-4])\s*季度")]
    private static partial Regex ChineseQuarter();

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})\s*年\s*(?<m>1[0-2]|[1-9])\s*月")]
    private static partial Regex ChineseMonth();

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})\s*年")]
    private static partial Regex ChineseYear();

    [GeneratedRegex(@"\b(?:19|20)\d{2}\s*(?:-|–|—|to|through)\s*(?:19|20)\d{2}\b", RegexOptions.IgnoreCase)]
    private static partial Regex YearRange();

    [GeneratedRegex(@"\b(?:" + MonthAlternation + @")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b|\b\d{1,2}\s+(?:" + MonthAlternation + @")\.?,?\s+(?:19|20)\d{2}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateWithDay();

    // "since 2015" and "Made in China 2025" name a year without the figure being about that year.
    [GeneratedRegex(@"\b(?:since|made in china)\s+(?:19|20)\d{2}\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotAPeriod();

    [GeneratedRegex(@"\b(?<from>" + MonthAlternation + @")\.?(?:\s*(?:to|through|until|-|–|—|/)\s*|\s+)(?<to>" + MonthAlternation + @")\.?,?\s*(?:of\s+)?(?<y>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthRange();

    // "January and February 2017": the two months released together, a span from January.
    [GeneratedRegex(@"\b(?:January|Jan\.?)\s+and\s+(?:February|Feb\.?),?\s*(?:of\s+)?(?<y>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex JanuaryAndFebruary();

    [GeneratedRegex(@"\bfirst\s+(?<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months\s+(?:of\s+)?(?:the\s+year\s+)?(?<y>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirstMonths();

    [GeneratedRegex(@"\b(?:(?:the\s+)?first\s+half(?:\s+of)?(?:\s+the\s+year)?|H1)\s*,?\s*(?<y>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirstHalf();

    // "by mid-2025": the end of June, when half-year figures stand.
    [GeneratedRegex(@"\bmid-?\s*(?<y>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex MidYear();

    [GeneratedRegex(@"\bfirst\s+(?<n>two|three|2|3)\s+quarters\s+(?:of\s+)?(?<y>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirstQuarters();

    [GeneratedRegex(@"\bQ(?<a>[1-4])\s*(?:-|–|to)\s*Q(?<b>[1-4])\s*,?\s*(?<y>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterRange();

    [GeneratedRegex(@"\b(?<q>first|second|third|fourth)\s+quarter\s+(?:of\s+)?(?<y>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrdinalQuarter();

    [GeneratedRegex(@"\bQ(?<q>[1-4])\s*,?\s*(?<y>(?:19|20)\d{2})\b|\b(?<y2>(?:19|20)\d{2})\s*Q(?<q2>[1-4])\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterShort();

    [GeneratedRegex(@"\b(?<m>" + MonthAlternation + @")\.?,?\s+(?:of\s+)?(?<y>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"(?<![\d.,])\b(?<y>(?:19|20)\d{2})\b(?![\d%]|\s*(?:percent|per cent|yuan|units|tonnes|kW))", RegexOptions.IgnoreCase)]
    private static partial Regex PlainYear();
}
