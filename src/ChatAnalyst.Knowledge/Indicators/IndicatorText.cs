using System.Globalization;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// Plain sentences that state a figure exactly: value and unit as written, the period label, and the status.
/// A forecast or target always says so, and a January-to-month total always says it is not a full year, so a
/// sentence lifted into an answer cannot overstate the figure.
/// </summary>
public static class IndicatorText
{
    /// <summary>"over 1 trillion yuan", "9.2%", "about 56%", "rank 2".</summary>
    public static string Amount(string value, string unit, string? qualifier)
    {
        var amount = unit switch
        {
            "%" => value + "%",
            "rank" => "rank " + value,
            _ => $"{value} {unit}",
        };
        return qualifier is null ? amount : $"{qualifier} {amount}";
    }

    /// <summary>"January–November 2025 (cumulative, not a full-year figure)" or just the label.</summary>
    public static string PeriodPhrase(Period period) =>
        period.IsPartialYearCumulative ? $"{period.Label} (cumulative, not a full-year figure)" : period.Label;

    /// <summary>
    /// One sentence for a curated observation, as an analyst would write it: "Software business revenue was 12.2903
    /// trillion yuan in January–November 2024 (cumulative, not a full-year figure)." An actual figure needs no label;
    /// a partial-year total, a forecast, a target or a preliminary figure says so in one parenthesis.
    /// </summary>
    public static string Figure(IndicatorSeries series, Observation observation)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(observation);
        var amount = Amount(observation.DisplayValue, series.Unit, observation.Qualifier);
        if (series.Measure == "yoy_growth" && !series.Name.Contains("growth", StringComparison.OrdinalIgnoreCase))
        {
            amount += " year on year";
        }

        var label = observation.Period.Label;
        var notes = new List<string>();
        if (observation.Period.IsPartialYearCumulative)
        {
            notes.Add("cumulative, not a full-year figure");
        }

        var (sentence, status) = observation.Status switch
        {
            IndicatorVocabulary.Forecast => ($"{series.Name} is forecast at {amount} for {label}", "forecast, not an actual figure"),
            IndicatorVocabulary.Target => ($"The target for {series.Name} is {amount} for {label}", "target, not an actual figure"),
            IndicatorVocabulary.Preliminary => ($"{series.Name} was {amount} in {label}", "preliminary figure, may be revised"),
            _ => ($"{series.Name} was {amount} in {label}", null),
        };
        if (status is not null)
        {
            notes.Add(status);
        }

        return notes.Count == 0 ? sentence + "." : $"{sentence} ({string.Join("; ", notes)}).";
    }

    /// <summary>The note on an older release: "Superseded by 10.8% (actual), published 2025-03-01 in …".</summary>
    public static string SupersededBy(IndicatorSeries series, Observation newer)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(newer);
        var date = newer.Published is { } d ? $"published {Date(d)}" : "published later (date not given)";
        return $"Superseded by {Amount(newer.DisplayValue, series.Unit, newer.Qualifier)} ({newer.Status}), {date} in \"{newer.Source.Title}\".";
    }

    /// <summary>One sentence for an older, superseded release.</summary>
    public static string Superseded(IndicatorSeries series, Observation older, Observation newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        var date = older.Published is { } d ? $"published {Date(d)}" : "publication date not given";
        return $"Earlier release ({date}): {Figure(series, older).TrimEnd('.')}; {char.ToLowerInvariant(SupersededBy(series, newer)[0])}{SupersededBy(series, newer)[1..]}";
    }

    /// <summary>One sentence for a figure extracted from an article.</summary>
    public static string Extracted(FigureCandidate figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var period = figure.Period is { } p ? "in " + PeriodPhrase(p) : "(period not stated in the sentence)";
        var status = figure.Status switch
        {
            IndicatorVocabulary.Forecast => "a forecast, not an actual figure",
            IndicatorVocabulary.Target => "a target, not an actual figure",
            _ => "as reported in the article",
        };
        return $"{figure.Subject}: {Amount(figure.Value, figure.Unit, figure.Qualifier)} {period} ({status}).";
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
