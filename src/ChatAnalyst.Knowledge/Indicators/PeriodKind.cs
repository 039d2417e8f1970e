namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>The shape of a <see cref="Period"/>.</summary>
public enum PeriodKind
{
    /// <summary>A calendar year, e.g. <c>2025</c>.</summary>
    Year,

    /// <summary>A calendar quarter, e.g. <c>2025Q4</c>.</summary>
    Quarter,

    /// <summary>A calendar month, e.g. <c>2025-12</c>.</summary>
    Month,

    /// <summary>A cumulative period from January to a month, e.g. <c>2025-01..11</c>.</summary>
    YearToDate,
}
