using System.Globalization;

namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>
/// Decides how indicator series share a chart. Series share a panel (and so a value axis) only when they have the
/// same unit <em>and</em> the same measure: a growth rate and a share are both in %, yet are never drawn on one axis.
/// Names are shortened for titles by what the series' names have in common.
/// </summary>
public static class IndicatorChartPlanner
{
    /// <summary>Groups the series (in the order given) into panels, each series with its figures.</summary>
    public static ChartPlan Plan(IReadOnlyList<(IndicatorSeries Series, IReadOnlyList<Observation> Observations)> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var groups = series
            .Where(s => s.Observations.Count > 0)
            .GroupBy(s => (s.Series.Unit, s.Series.Measure))
            .ToList();
        var panels = groups.Take(ChartRequest.MaxPanels)
            .Select(g => new ChartPanel(
                Subject(g.Select(s => s.Series.Name).ToList()),
                AxisLabel(g.First().Series),
                g.Select(s => new ChartSeries(s.Series.Name, s.Observations.Select(Point).ToList())).ToList()))
            .ToList();
        var leftOut = groups.Skip(ChartRequest.MaxPanels).SelectMany(g => g.Select(s => s.Series)).ToList();
        var periods = panels.SelectMany(p => p.Series).SelectMany(s => s.Points).Select(p => p.Period).Distinct().Order().ToList();
        var title = string.Join("; ", panels.Select(p => p.Title));
        return new ChartPlan(periods.Count == 0 ? title : $"{title}, {Span(periods)}", panels, leftOut);
    }

    /// <summary>The value-axis label: the unit, and the measure when the unit alone does not say it.</summary>
    public static string AxisLabel(IndicatorSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return series.Measure switch
        {
            "yoy_growth" => series.Unit + " (year-on-year change)",
            "share" => series.Unit + " (share)",
            "target" => series.Unit + " (target)",
            _ => series.Unit,
        };
    }

    /// <summary>
    /// What several names have in common said once: names ending in the same words become "A and b common words";
    /// with nothing in common they are joined with "and".
    /// </summary>
    public static string Subject(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 1)
        {
            return names[0];
        }

        var words = names.Select(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var common = 0;
        while (words.All(w => w.Length > common + 1) && words.All(w => string.Equals(w[^(common + 1)], words[0][^(common + 1)], StringComparison.OrdinalIgnoreCase)))
        {
            common++;
        }

        var heads = words.Select((w, i) => string.Join(' ', w[..^common])).Select((h, i) => i == 0 ? h : LowerFirst(h)).ToList();
        var joined = heads.Count == 2 ? $"{heads[0]} and {heads[1]}" : $"{string.Join(", ", heads[..^1])} and {heads[^1]}";
        return common == 0 ? joined : $"{joined} {string.Join(' ', words[0][^common..])}";
    }

    private static ChartPoint Point(Observation o) =>
        new(o.Period, (double)o.Value, o.Qualifier is null ? o.DisplayValue : $"{o.Qualifier} {o.DisplayValue}");

    /// <summary>"2024 and January–November 2025"; with more than three periods, the first and the last.</summary>
    private static string Span(List<Period> periods) => periods.Count switch
    {
        1 => periods[0].Label,
        2 => $"{periods[0].Label} and {periods[1].Label}",
        3 => $"{periods[0].Label}, {periods[1].Label} and {periods[2].Label}",
        _ => $"{periods[0].Label} to {periods[^1].Label}",
    };

    // "Equipment" in the middle of a title reads "equipment"; an acronym keeps its capitals.
    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && text.Skip(1).TakeWhile(c => c != ' ').All(c => !char.IsUpper(c) && !char.IsDigit(c))
            ? char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..]
            : text;
}
