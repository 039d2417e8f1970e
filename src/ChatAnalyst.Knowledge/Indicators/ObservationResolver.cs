namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// Resolves conflicting releases. Back-end independent so every <see cref="IIndicatorStore"/> resolves the same way.
/// </summary>
public static class ObservationResolver
{
    /// <summary>
    /// Groups by series, period and status class; in each group the latest published figure wins (an unknown
    /// date counts as oldest; on a tie an actual beats a preliminary). Earlier releases with a different value are
    /// superseded; earlier releases with the same value merely confirm it and are dropped.
    /// Result is in period order, outcome before forecast before target.
    /// </summary>
    public static IReadOnlyList<ResolvedObservation> Resolve(IEnumerable<Observation> observations) =>
        observations
            .GroupBy(o => (o.SeriesId, o.Period, Class: IndicatorVocabulary.StatusClass(o.Status)))
            .Select(g =>
            {
                var ordered = g
                    .OrderByDescending(o => o.Published ?? DateOnly.MinValue)
                    .ThenBy(o => o.Status == IndicatorVocabulary.Actual ? 0 : 1)
                    .ThenBy(o => o.Source.DocumentId, StringComparer.Ordinal)
                    .ToList();
                var current = ordered[0];
                var superseded = ordered.Skip(1).Where(o => o.Value != current.Value || o.Qualifier != current.Qualifier).ToList();
                return new ResolvedObservation(current, superseded);
            })
            .OrderBy(r => r.Current.SeriesId, StringComparer.Ordinal)
            .ThenBy(r => r.Current.Period)
            .ThenBy(r => ClassOrder(r.Current.Status))
            .ToList();

    /// <summary>0 for actual/preliminary, 1 forecast, 2 target.</summary>
    public static int ClassOrder(string status) => status switch
    {
        IndicatorVocabulary.Forecast => 1,
        IndicatorVocabulary.Target => 2,
        _ => 0,
    };
}
