namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>
/// The period axis of one panel. Periods are categories, grouped like with like — years with years, quarters with
/// quarters, months with months, and January-to-month totals only with totals of the same months — and a line never
/// leaves its group, so a full year is never joined to an 11-month total. Groups follow each other in the order
/// their latest periods end, the longer span first when two end together (2024, then Q4 2024, then December 2024);
/// within a group periods are chronological.
/// </summary>
public sealed class PeriodAxis
{
    private readonly Dictionary<Period, int> _index;

    private PeriodAxis(IReadOnlyList<IReadOnlyList<Period>> groups)
    {
        Groups = groups;
        Categories = groups.SelectMany(g => g).ToList();
        _index = Categories.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
    }

    /// <summary>Every period of the panel, one category each, group after group.</summary>
    public IReadOnlyList<Period> Categories { get; }

    /// <summary>The groups of like periods, in axis order.</summary>
    public IReadOnlyList<IReadOnlyList<Period>> Groups { get; }

    /// <summary>True when no group holds two periods: nothing can be joined, so the panel is drawn as grouped bars.</summary>
    public bool IsBars => Groups.All(g => g.Count == 1);

    /// <summary>The axis of the periods the series cover.</summary>
    public static PeriodAxis For(IEnumerable<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var groups = series.SelectMany(s => s.Points).Select(p => p.Period).Distinct()
            .GroupBy(Likeness)
            .Select(g => (IReadOnlyList<Period>)g.Order().ToList())
            .OrderBy(g => (g[^1].Year * 12) + g[^1].EndMonth)
            .ThenByDescending(g => g[^1].EndMonth - g[^1].StartMonth)
            .ToList();
        return new PeriodAxis(groups);
    }

    /// <summary>Two periods are alike when they have the same kind and, for January-to-month totals, the same months (a total to December counts as a year).</summary>
    public static bool AreAlike(Period a, Period b) => Likeness(a) == Likeness(b);

    /// <summary>The category of a period on this axis.</summary>
    public int IndexOf(Period period) => _index[period];

    /// <summary>
    /// The series' points as runs to draw: consecutive categories of one group where the series has a figure. A run
    /// of two or more points is a line; a run of one is a lone marker.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ChartPoint>> Runs(ChartSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var byPeriod = series.Points.GroupBy(p => p.Period).ToDictionary(g => g.Key, g => g.First());
        var runs = new List<IReadOnlyList<ChartPoint>>();
        foreach (var group in Groups)
        {
            var run = new List<ChartPoint>();
            foreach (var period in group)
            {
                if (byPeriod.TryGetValue(period, out var point))
                {
                    run.Add(point);
                }
                else if (run.Count > 0)
                {
                    runs.Add(run);
                    run = [];
                }
            }

            if (run.Count > 0)
            {
                runs.Add(run);
            }
        }

        return runs;
    }

    // A January-to-December total is a full year, so it sits with the years.
    private static (PeriodKind Kind, int Months) Likeness(Period period) =>
        period.IsFullYear ? (PeriodKind.Year, 0) : (period.Kind, period.Kind == PeriodKind.YearToDate ? period.Number : 0);
}
