namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// The closed vocabularies of the indicator CSV files. Units are the exception: they are data
/// (<c>units.csv</c> in the indicator folder) so curators can add one without a code change;
/// <see cref="DefaultUnits"/> applies only when that file is absent.
/// </summary>
public static class IndicatorVocabulary
{
    public const string Actual = "actual";
    public const string Preliminary = "preliminary";
    public const string Forecast = "forecast";
    public const string Target = "target";

    public static IReadOnlySet<string> Measures { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "yoy_growth", "level", "share", "count", "rank", "target",
    };

    public static IReadOnlySet<string> Frequencies { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "annual", "monthly", "quarterly", "ytd",
    };

    public static IReadOnlySet<string> Statuses { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Actual, Preliminary, Forecast, Target,
    };

    public static IReadOnlySet<string> Qualifiers { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "over", "about", "under",
    };

    public static IReadOnlyList<string> DefaultUnits { get; } =
    [
        "%", "percentage points", "yuan", "million yuan", "billion yuan", "trillion yuan", "billion USD",
        "million kW", "billion kW", "trillion kWh", "million tonnes", "PFlops", "units", "million units",
        "billion units", "rank",
    ];

    /// <summary>
    /// Figures conflict only within a class: a preliminary and an actual for the same period are two
    /// releases of one outcome (the later wins), while a forecast or target is a different claim altogether.
    /// </summary>
    public static string StatusClass(string status) => status switch
    {
        Actual or Preliminary => "outcome",
        _ => status,
    };
}
