using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Orchestration.Evidence;

namespace ChatAnalyst.Orchestration.Plugins;

/// <summary>How the indicators plugin states figures as evidence: one item per figure, with its source, and comparisons.</summary>
public static class IndicatorEvidence
{
    public static string CompareMessage(List<(IndicatorSeries Series, Observation Observation)> rows, Period period)
    {
        if (rows.Count < 2)
        {
            return $"Only {rows[0].Series.Name} has a figure for {period.Label}; nothing to compare it with.";
        }

        var units = rows.Select(r => r.Series.Unit).Distinct(StringComparer.Ordinal).ToList();
        if (units.Count > 1)
        {
            return $"Figures for {period.Label} are in different units ({string.Join(", ", units)}), so they are not directly comparable.";
        }

        var classes = rows.Select(r => IndicatorVocabulary.StatusClass(r.Observation.Status)).Distinct(StringComparer.Ordinal).ToList();
        if (classes.Count > 1)
        {
            return $"Figures for {period.Label} mix actual figures with forecasts or targets ({string.Join(", ", rows.Select(r => $"{r.Series.Name}: {r.Observation.Status}"))}), so they are not directly comparable.";
        }

        string Describe((IndicatorSeries Series, Observation Observation) r) =>
            $"{r.Series.Name} ({IndicatorText.Amount(r.Observation.DisplayValue, r.Series.Unit, r.Observation.Qualifier)})";

        var ordered = rows.OrderByDescending(r => r.Observation.Value).ToList();
        var hedge = rows.Any(r => r.Observation.Qualifier is not null) ? " (some figures are approximate or bounds)" : string.Empty;
        var isRank = rows[0].Series.Unit == "rank";
        if (ordered[0].Observation.Value == ordered[^1].Observation.Value)
        {
            return $"For {period.Label}, {string.Join(" and ", rows.Select(Describe))} are equal{hedge}.";
        }

        if (isRank)
        {
            return $"For {period.Label}, {Describe(ordered[^1])} has the better (lower) rank and {Describe(ordered[0])} the lowest{hedge}.";
        }

        return rows.Count == 2
            ? $"For {period.Label}, {Describe(ordered[0])} is larger than {Describe(ordered[1])}{hedge}."
            : $"For {period.Label}, {Describe(ordered[0])} is the largest and {Describe(ordered[^1])} the smallest{hedge}.";
    }

    public static IEnumerable<EvidenceItem> Items(IndicatorSeries series, ResolvedObservation resolved)
    {
        yield return Item(series, resolved.Current);
        foreach (var older in resolved.Superseded)
        {
            yield return Item(series, older, resolved.Current);
        }
    }

    public static EvidenceItem Item(IndicatorSeries series, Observation observation, Observation? supersededBy = null)
    {
        var fact = new FigureFact(
            series.Id,
            series.Name,
            observation.DisplayValue,
            series.Unit,
            observation.Qualifier,
            observation.Period.ToString(),
            observation.Period.Label,
            observation.Status,
            series.Measure,
            supersededBy is null ? null : IndicatorText.SupersededBy(series, supersededBy),
            IndicatorZh: series.NameZh,
            Aliases: series.Aliases);
        var text = supersededBy is null ? IndicatorText.Figure(series, observation) : IndicatorText.Superseded(series, observation, supersededBy);
        return new EvidenceItem(EvidenceKind.Figure, Source(observation.Source, observation.Published), text, fact);
    }

    public static SourceInfo Source(IndicatorSource source, DateOnly? released) =>
        new(source.DocumentId, source.Title, source.Url, source.Publisher, source.Published ?? released);
}
