using System.Globalization;
using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Indicators;

namespace ChatAnalyst.Knowledge.Text;

/// <summary>
/// Reads the periods a sentence of news prose is about. Explicit periods ("January–November 2025", "in 2024") come from
/// <see cref="PeriodPhraseParser"/>; phrases without a year ("in November", "the first 11 months", "January to April",
/// "the first half", "the third quarter", "last month", "this year", "last year") are resolved against the article's
/// publication date, the way a reader of the article would. Comparison bases ("than in 2023") and dates with a day ("on April 8") are not periods.
/// </summary>
public static partial class PeriodReader
{
    /// <summary>
    /// Every period the sentence covers, explicit ones first, without repeats. An undated article's months and ranges
    /// without a year are read in <paramref name="yearAbout"/>, the year it is about (its title's, say), when given; its
    /// "last year" and "last month" stay unread, as they depend on when it was written.
    /// </summary>
    public static IReadOnlyList<Period> Read(string sentence, DateOnly? published, int? yearAbout = null)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var mentions = PeriodPhraseParser.FindAll(sentence);
        var periods = mentions
            .Where(m => !m.IsComparisonBase && !IsBase(sentence[Math.Max(0, m.Index - 50)..m.Index]))
            .Select(m => m.Period)
            .ToList();
        var undated = published is null;
        if ((published ?? (yearAbout is { } about and >= 1 and <= 9999 ? new DateOnly(about, 12, 31) : null)) is not { } date)
        {
            return periods;
        }

        var claimed = new bool[sentence.Length];
        foreach (var m in mentions)
        {
            Array.Fill(claimed, true, m.Index, m.Length);
        }

        foreach (Match m in YearlessRange().Matches(sentence))
        {
            if (Claim(claimed, m) && Through(m.Groups["to"].Value, m.Groups["n"].Value) is { } through)
            {
                periods.Add(through == 12 ? Period.ForYear(YearOf(12, date)) : Period.ForYearToDate(YearOf(through, date), through));
            }
        }

        foreach (Match m in YearlessMonth().Matches(sentence))
        {
            if (Claim(claimed, m) && !IsBase(sentence[..m.Index]))
            {
                var month = MonthNumber(m.Groups["m"].Value);
                periods.Add(Period.ForMonth(YearOf(month, date), month));
            }
        }

        foreach (Match m in YearlessQuarter().Matches(sentence))
        {
            if (Claim(claimed, m) && !IsBase(sentence[..m.Index]) && Quarters(m) is { } quarters)
            {
                var end = quarters.Last * 3;
                periods.Add(quarters.First == 1 && quarters.Last > 1 ? Period.ForYearToDate(YearOf(end, date), end) : Period.ForQuarter(YearOf(end, date), quarters.Last));
            }
        }

        foreach (Match m in RelativeMonth().Matches(sentence))
        {
            if (Claim(claimed, m) && !undated && !RelativeBase(sentence[..m.Index]))
            {
                var month = m.Groups["w"].Value.Equals("this", StringComparison.OrdinalIgnoreCase) ? new DateOnly(date.Year, date.Month, 1) : new DateOnly(date.Year, date.Month, 1).AddMonths(-1);
                periods.Add(Period.ForMonth(month.Year, month.Month));
            }
        }

        foreach (Match m in RelativeYear().Matches(sentence))
        {
            var thisYear = m.Groups["w"].Value.Equals("this", StringComparison.OrdinalIgnoreCase);
            if (Claim(claimed, m) && (thisYear || !undated) && !RelativeBase(sentence[..m.Index]))
            {
                periods.Add(Period.ForYear(thisYear ? date.Year : date.Year - 1));
            }
        }

        return periods.Distinct().ToList();
    }

    /// <summary>
    /// The year a web address files its page under ("…/2013/08/…", "…/2015-04/13/…", "…/201511/11/…"), or null when
    /// its path names none or more than one: the year an undated article was most likely written.
    /// </summary>
    public static int? UrlYear(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            return null;
        }

        var years = UrlYearPattern().Matches(uri.AbsolutePath).Select(m => int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture)).Distinct().ToList();
        return years.Count == 1 ? years[0] : null;
    }

    /// <summary>The years a text names as plain numbers (1990–2099), in order.</summary>
    public static IReadOnlyList<int> Years(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return YearNumber().Matches(text).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).Distinct().ToList();
    }

    /// <summary>
    /// The months a text names by name ("in June", "Jan-Sep"), as numbers 1–12 in order; "may" in lower case is the verb,
    /// not the month.
    /// </summary>
    public static IReadOnlyList<int> MonthsNamed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return MonthWord().Matches(text).Select(m => MonthNumber(m.Value)).ToList();
    }

    /// <summary>
    /// The years a text's figures are about: the years it names, with a year named as a comparison base ("rose 10.5
    /// percent from 2023", "than in 2023") read as the year after it, the one a year-on-year figure covers, and without
    /// the years of dates with a day ("data released on 21 January 2025"), which date an event, as in <see cref="Read"/>.
    /// </summary>
    public static IReadOnlyList<int> StatedYears(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!YearNumber().IsMatch(text))
        {
            return [];
        }

        var bases = PeriodPhraseParser.FindAll(text)
            .Where(m => m.IsComparisonBase || IsBase(text[Math.Max(0, m.Index - 50)..m.Index]))
            .ToList();
        return YearNumber().Matches(text)
            .Where(y => !DayAndMonthBefore().IsMatch(text[Math.Max(0, y.Index - 20)..y.Index]))
            .Select(y => int.Parse(y.Value, CultureInfo.InvariantCulture) + (bases.Any(b => y.Index >= b.Index && y.Index < b.Index + b.Length) ? 1 : 0))
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// Whether what comes before a period makes it a comparison base ("than in 2023", "compared with the same months of
    /// 2024"); not when a figure comes between ("larger than 1 trillion yuan in 2025": 2025 is the figure's period).
    /// </summary>
    private static bool IsBase(string before) => Base().Match(before) is { Success: true } m && !m.Value.Any(char.IsDigit);

    /// <summary>
    /// Whether a "last year" or "this month" that follows is what a figure is compared with: "an increase of 27 percent on
    /// the same period last year", "up from 2.6 percent last month", "than last year".
    /// </summary>
    private static bool RelativeBase(string before) => IsBase(before) || RelativeBaseBefore().IsMatch(before);

    /// <summary>A month without a year is the latest such month up to the publication date.</summary>
    private static int YearOf(int month, DateOnly published) => month <= published.Month ? published.Year : published.Year - 1;

    private static bool Claim(bool[] claimed, Match m)
    {
        if (Enumerable.Range(m.Index, m.Length).Any(i => claimed[i]))
        {
            return false;
        }

        Array.Fill(claimed, true, m.Index, m.Length);
        return true;
    }

    private static int? Through(string toMonth, string count)
    {
        if (toMonth.Length > 0)
        {
            return MonthNumber(toMonth);
        }

        return int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : NumberWords.Values.TryGetValue(count, out var w) ? w : null;
    }

    /// <summary>The first and last quarter a yearless quarter phrase covers: "the first half" is 1–2, "Q3" is 3–3.</summary>
    private static (int First, int Last)? Quarters(Match m)
    {
        if (m.Groups["half"].Success)
        {
            return (1, 2);
        }

        if (m.Groups["n"].Success)
        {
            return Through(string.Empty, m.Groups["n"].Value) is { } n and >= 1 and <= 4 ? (1, n) : null;
        }

        var q = m.Groups["q"].Value;
        var ordinal = Array.IndexOf(["first", "second", "third", "fourth"], q.ToLowerInvariant()) + 1;
        var number = ordinal > 0 ? ordinal : int.Parse(q, CultureInfo.InvariantCulture);
        return (number, number);
    }

    private static int MonthNumber(string name) =>
        Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames, a => a.Length > 0 && name.StartsWith(a, StringComparison.OrdinalIgnoreCase)) + 1;

    private const string Months = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

    [GeneratedRegex(@"\b(?:(?i:January|February|March|April|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)|May|MAY)\b")]
    private static partial Regex MonthWord();

    [GeneratedRegex(@"\b(?:(?:January|Jan\.?)\s*(?:to|through|until|-|–|—)|between\s+(?:January|Jan\.?)\s+and|(?:January|Jan\.?)\s+and(?=\s+(?:February|Feb)\b))\s*(?<to>" + Months + @")\b(?!\.?\s*\d)|\bfirst\s+(?<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+months\b(?!\s+(?:of\s+)?(?:19|20)\d\d)", RegexOptions.IgnoreCase)]
    private static partial Regex YearlessRange();

    // Capitalised month names only ("may" is a verb); "April 8" and "8 April" are dates, not periods.
    [GeneratedRegex(@"(?<!\d\s)\b(?<m>" + Months + @")\b(?!\.?\s*\d)")]
    private static partial Regex YearlessMonth();

    // "than in the same eleven months of 2024", "compared with a year earlier": what follows is the base, not the period.
    [GeneratedRegex(@"\b(?:than|versus|compared\s+(?:with|to))\b[^,;.]{0,40}$", RegexOptions.IgnoreCase)]
    private static partial Regex Base();

    [GeneratedRegex(@"(?:\b\d{1,2}\s+(?:" + Months + @")\.?,?\s+|\b(?:" + Months + @")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+)$")]
    private static partial Regex DayAndMonthBefore();

    // "the first half (of the year)", "the first three quarters", "the third quarter", "Q3"; one followed by a year is
    // the explicit parser's.
    [GeneratedRegex(@"\b(?:(?<half>first\s+half|H1)|first\s+(?<n>two|three|2|3)\s+quarters|(?<q>first|second|third|fourth)\s+quarter|Q(?<q>[1-4]))\b(?!\s*(?:of\s+)?,?\s*(?:19|20)\d\d)", RegexOptions.IgnoreCase)]
    private static partial Regex YearlessQuarter();

    [GeneratedRegex(@"\b(?<w>this|last)\s+month\b", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeMonth();

    [GeneratedRegex(@"(?:\bthe\s+same\s+(?:period|month|months|quarter|time|week)\s+(?:of\s+)?|\b(?:than|from|over|versus|against)\s+(?:in\s+)?|\bfrom\s+[\d.,]+\s*(?:%|percent|per cent)?\s+(?:in\s+)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeBaseBefore();

    // A year as a folder of a path, alone or with its month ("/2013/", "/2015-04/", "/201511/").
    [GeneratedRegex(@"/(?<y>(?:19|20)\d{2})(?:[-_]?(?:0[1-9]|1[0-2]))?(?=/)")]
    private static partial Regex UrlYearPattern();

    [GeneratedRegex(@"\b(?<w>this|last)\s+year\b", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeYear();

    [GeneratedRegex(@"(?<![\d.,])\b(?:19|20)\d{2}\b(?![\d%])")]
    private static partial Regex YearNumber();
}
