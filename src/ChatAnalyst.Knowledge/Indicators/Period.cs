using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// The time an observation covers: a year (<c>2025</c>), quarter (<c>2025Q4</c>), month (<c>2025-12</c>)
/// or a January-to-month cumulative period (<c>2025-01..11</c>). A cumulative period is never a full year
/// unless it runs to December, so "January–November 2025" can never be shown as "2025".
/// </summary>
public readonly struct Period : IEquatable<Period>, IComparable<Period>
{
    private const string Expected = "use 2025, 2025Q4, 2025-12 or 2025-01..11";

    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;

    private static readonly string[] ShortMonthNames = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames;

    private Period(PeriodKind kind, int year, int number)
    {
        Kind = kind;
        Year = year;
        Number = number;
    }

    public PeriodKind Kind { get; }

    public int Year { get; }

    /// <summary>Quarter (1–4), month (1–12) or last month of a cumulative period; 0 for a year.</summary>
    public int Number { get; }

    /// <summary>First calendar month covered (1–12).</summary>
    public int StartMonth => Kind switch
    {
        PeriodKind.Quarter => ((Number - 1) * 3) + 1,
        PeriodKind.Month => Number,
        _ => 1,
    };

    /// <summary>Last calendar month covered (1–12).</summary>
    public int EndMonth => Kind switch
    {
        PeriodKind.Year => 12,
        PeriodKind.Quarter => Number * 3,
        _ => Number,
    };

    /// <summary>True only for a whole calendar year (a cumulative period counts only when it runs to December).</summary>
    public bool IsFullYear => Kind == PeriodKind.Year || (Kind == PeriodKind.YearToDate && Number == 12);

    /// <summary>True for a January-to-month total that stops before December.</summary>
    public bool IsPartialYearCumulative => Kind == PeriodKind.YearToDate && Number < 12;

    /// <summary>The period for humans: "2024", "Q4 2024", "December 2024", "January–November 2025".</summary>
    public string Label => Kind switch
    {
        PeriodKind.Year => Year.ToString(CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"Q{Number} {Year}",
        PeriodKind.Month => $"{MonthNames[Number - 1]} {Year}",
        _ when Number == 1 => $"January {Year}",
        _ => $"January–{MonthNames[Number - 1]} {Year}",
    };

    /// <summary>The label with abbreviated months, for narrow places such as a chart axis: "Dec 2024", "Jan–Nov 2025".</summary>
    public string ShortLabel => Kind switch
    {
        PeriodKind.Year or PeriodKind.Quarter => Label,
        PeriodKind.Month => $"{ShortMonthNames[Number - 1]} {Year}",
        _ when Number == 1 => $"Jan {Year}",
        _ => $"Jan–{ShortMonthNames[Number - 1]} {Year}",
    };

    public static Period ForYear(int year) => Create(PeriodKind.Year, year, 0);

    public static Period ForQuarter(int year, int quarter) => Create(PeriodKind.Quarter, year, quarter);

    public static Period ForMonth(int year, int month) => Create(PeriodKind.Month, year, month);

    public static Period ForYearToDate(int year, int throughMonth) => Create(PeriodKind.YearToDate, year, throughMonth);

    /// <summary>The same span a year before: January–May 2013 for January–May 2014, Q3 2019 for Q3 2020.</summary>
    public Period YearEarlier() => Create(Kind, Year - 1, Number);

    /// <summary>Parses the machine form; throws <see cref="FormatException"/> with the reason and the accepted forms.</summary>
    public static Period Parse(string text) =>
        TryParse(text, out var period, out var error) ? period : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, out Period period) => TryParse(text, out period, out _);

    /// <summary>Parses <c>2025</c>, <c>2025Q4</c>, <c>2025-12</c> or <c>2025-01..11</c>; <paramref name="error"/> says why not.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Period period, [NotNullWhen(false)] out string? error)
    {
        period = default;
        var s = text?.Trim() ?? string.Empty;
        if (s.Length == 0)
        {
            error = $"period is empty ({Expected})";
            return false;
        }

        if (s.Length < 4 || !TryNumber(s[..4], out var year))
        {
            error = $"'{s}' is not a period ({Expected})";
            return false;
        }

        if (year is < 1900 or > 2100)
        {
            error = $"'{s}' has year {year}, outside 1900–2100";
            return false;
        }

        var rest = s[4..];
        if (rest.Length == 0)
        {
            period = ForYear(year);
            error = null;
            return true;
        }

        if (rest.Length == 2 && rest[0] is 'Q' or 'q' && TryNumber(rest[1..], out var quarter))
        {
            return Check(PeriodKind.Quarter, year, quarter, 4, s, "quarter must be 1–4", out period, out error);
        }

        if (rest.Length == 3 && rest[0] == '-' && TryNumber(rest[1..], out var month))
        {
            return Check(PeriodKind.Month, year, month, 12, s, "month must be 01–12", out period, out error);
        }

        if (rest.Length == 7 && rest[0] == '-' && rest[3..5] == ".." && TryNumber(rest[1..3], out var first) && TryNumber(rest[5..], out var last))
        {
            if (first != 1)
            {
                error = $"'{s}' is not a period: cumulative periods start in January (e.g. {year}-01..11)";
                return false;
            }

            return Check(PeriodKind.YearToDate, year, last, 12, s, "last month must be 01–12", out period, out error);
        }

        error = $"'{s}' is not a period ({Expected})";
        return false;
    }

    /// <summary>The machine form, e.g. <c>2025-01..11</c>; round-trips through <see cref="Parse"/>.</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Year => Year.ToString("D4", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}Q{Number}"),
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-01..{Number:D2}"),
    };

    /// <summary>
    /// Chronological by the month a period ends, then shorter spans first, so December 2024 sorts before
    /// Q4 2024, which sorts before the year 2024 — all end in December 2024.
    /// </summary>
    public int CompareTo(Period other)
    {
        var byEnd = ((Year * 12) + EndMonth).CompareTo((other.Year * 12) + other.EndMonth);
        if (byEnd != 0)
        {
            return byEnd;
        }

        var bySpan = (EndMonth - StartMonth).CompareTo(other.EndMonth - other.StartMonth);
        return bySpan != 0 ? bySpan : Kind.CompareTo(other.Kind);
    }

    /// <summary>
    /// Compares periods by the months they cover, whatever their shape: Q1 2018 is January–March 2018, and January–December
    /// 2024 is 2024. For reading text, where one report writes "the first quarter" and another "January to March".
    /// </summary>
    public static IEqualityComparer<Period> SameMonths { get; } = new MonthsComparer();

    public bool Equals(Period other) => Kind == other.Kind && Year == other.Year && Number == other.Number;

    public override bool Equals(object? obj) => obj is Period other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, Year, Number);

    public static bool operator ==(Period left, Period right) => left.Equals(right);

    public static bool operator !=(Period left, Period right) => !left.Equals(right);

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;

    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;

    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;

    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    private static Period Create(PeriodKind kind, int year, int number)
    {
        var max = kind switch { PeriodKind.Year => 0, PeriodKind.Quarter => 4, _ => 12 };
        if (year is < 1900 or > 2100 || (kind == PeriodKind.Year ? number != 0 : number < 1 || number > max))
        {
            throw new ArgumentOutOfRangeException(nameof(number), $"{kind} {year}/{number} is not a valid period.");
        }

        return new Period(kind, year, number);
    }

    private static bool Check(PeriodKind kind, int year, int number, int max, string s, string reason, out Period period, out string? error)
    {
        if (number < 1 || number > max)
        {
            period = default;
            error = $"'{s}' is not a period: {reason}";
            return false;
        }

        period = new Period(kind, year, number);
        error = null;
        return true;
    }

    private static bool TryNumber(string digits, out int value)
    {
        value = 0;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        value = int.Parse(digits, CultureInfo.InvariantCulture);
        return true;
    }

    private sealed class MonthsComparer : IEqualityComparer<Period>
    {
        public bool Equals(Period x, Period y) => x.Year == y.Year && x.StartMonth == y.StartMonth && x.EndMonth == y.EndMonth;

        public int GetHashCode(Period obj) => HashCode.Combine(obj.Year, obj.StartMonth, obj.EndMonth);
    }
}
