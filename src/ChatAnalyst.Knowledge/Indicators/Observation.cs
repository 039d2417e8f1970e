using System.Globalization;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>One curated figure, one row of <c>observations.csv</c>.</summary>
/// <param name="SeriesId">The series it belongs to.</param>
/// <param name="Period">The time it covers.</param>
/// <param name="Value">The number as the source states it; the decimal keeps its written scale ("9.20" stays "9.20").</param>
/// <param name="Qualifier">"over", "about", "under", or null for an exact figure.</param>
/// <param name="Status">actual, preliminary, forecast or target — always carried so a forecast is never shown as an actual.</param>
/// <param name="Published">Release date of the figure: the row's <c>published</c>, else the note's.</param>
/// <param name="Source">The note the figure comes from.</param>
/// <param name="Note">Free-text remark from the curator.</param>
public sealed record Observation(
    string SeriesId,
    Period Period,
    decimal Value,
    string? Qualifier,
    string Status,
    DateOnly? Published,
    IndicatorSource Source,
    string? Note)
{
    /// <summary>The value formatted invariantly, exactly as written in the CSV.</summary>
    public string ValueText => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The value as sources print it: thousands grouped (780,000), decimals as given (12.2903).</summary>
    public string DisplayValue => Math.Abs(Value) >= 1000
        ? Value.ToString(Value == decimal.Truncate(Value) ? "#,0" : "#,0.############", CultureInfo.InvariantCulture)
        : ValueText;
}
