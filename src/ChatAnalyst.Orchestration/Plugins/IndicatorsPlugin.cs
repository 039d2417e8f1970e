using System.ComponentModel;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Indicators.Charts;
using ChatAnalyst.Orchestration.Evidence;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Orchestration.Plugins;

/// <summary>
/// Curated indicator figures for the model: find series, read a figure for a period, compare, list a series,
/// search figures extracted from articles, and chart. Every function returns <see cref="ToolEvidence"/> whose
/// items state each figure exactly (value, unit, period, status); expected failures are a sentence, not an exception.
/// </summary>
public sealed partial class IndicatorsPlugin
{
    public const string PluginName = "Indicators";

    /// <summary>The functions' names, as the model and the offline planner call them.</summary>
    public const string FindIndicators = "find_indicators";

    public const string GetIndicator = "get_indicator";

    public const string CompareIndicators = "compare_indicators";

    public const string IndicatorSeries = "indicator_series";

    public const string FindFigures = "find_figures";

    public const string ChartIndicators = "chart_indicators";

    private const string PeriodHelp = "Use a year (2024), quarter (2024Q4), month (2024-12) or January-to-month total (2025-01..11).";

    private readonly IIndicatorStore _store;
    private readonly IndicatorChartRenderer _renderer;

    public IndicatorsPlugin(IIndicatorStore store, IndicatorChartRenderer renderer)
    {
        _store = store;
        _renderer = renderer;
    }

    [KernelFunction(FindIndicators)]
    [Description("Finds curated indicator series by name (English or Chinese), each with its latest figure, period, status and id.")]
    public async Task<ToolEvidence> FindIndicatorsAsync(
        [Description("The indicator, e.g. \"software revenue\".")] string query,
        [Description("Series to return, 1-10.")] int limit = 3,
        CancellationToken cancellationToken = default)
    {
        const string fn = FindIndicators;
        var matches = await _store.FindSeriesAsync(query ?? string.Empty, Math.Clamp(limit, 1, 10), cancellationToken);
        if (matches.Count == 0)
        {
            return ToolEvidence.Empty(fn, $"No curated indicator matches \"{query}\". Try find_figures to search figures quoted in articles.");
        }

        var items = new List<EvidenceItem>();
        foreach (var match in matches)
        {
            if (await _store.GetLatestAsync(match.Series.Id, cancellationToken) is { } latest)
            {
                items.Add(IndicatorEvidence.Item(match.Series, latest.Current));
            }
        }

        // The items already name each series, its unit and id; the message adds only what they cannot say.
        var empty = matches.Where(m => items.All(i => i.Indicator != m.Series.Id)).Select(m => $"{m.Series.Id} ({m.Series.Name})").ToList();
        var message = "Best match first; each item is the series' latest figure."
            + (empty.Count == 0 ? string.Empty : $" Also matching, with no figures loaded: {string.Join("; ", empty)}.");
        return new ToolEvidence(fn, items, message);
    }

    [KernelFunction(GetIndicator)]
    [Description("Gets the figure of one indicator series for a period, or its latest figure when no period is given. The answer always states the period and whether the figure is actual, preliminary, forecast or target.")]
    public async Task<ToolEvidence> GetIndicatorAsync(
        [Description("Series id from find_indicators, e.g. \"software-revenue\".")] string id,
        [Description("Optional period: 2024, 2024Q4, 2024-12, 2025-01..11, or words like \"January to November 2025\". Omit for the latest figure.")] string? period = null,
        CancellationToken cancellationToken = default)
    {
        const string fn = GetIndicator;
        var series = await _store.GetSeriesAsync(id ?? string.Empty, cancellationToken);
        if (series is null)
        {
            return ToolEvidence.Empty(fn, UnknownId(id));
        }

        if (string.IsNullOrWhiteSpace(period))
        {
            var latest = await _store.GetLatestAsync(series.Id, cancellationToken);
            if (latest is null)
            {
                return ToolEvidence.Empty(fn, $"{series.Name} ({series.Id}) has no figures loaded.");
            }

            var later = (await _store.GetObservationsAsync(series.Id, cancellationToken))
                .Where(r => r.Current.Period > latest.Current.Period && r.Current.Status != latest.Current.Status)
                .Select(r => $"{r.Current.Status} for {r.Current.Period.Label}")
                .ToList();
            var message = $"Latest figure for {series.Name} is for {latest.Current.Period.Label} ({latest.Current.Status}).";
            if (later.Count > 0)
            {
                message += $" Also available, not actual figures: {string.Join(", ", later)}.";
            }

            return new ToolEvidence(fn, IndicatorEvidence.Items(series, latest).ToList(), message);
        }

        if (!PeriodPhraseParser.TryParse(period, out var p))
        {
            return ToolEvidence.Empty(fn, $"\"{period}\" is not a period I can read. {PeriodHelp}");
        }

        var found = await _store.GetObservationsAsync(series.Id, p, cancellationToken);
        if (found.Count == 0)
        {
            var available = (await _store.GetObservationsAsync(series.Id, cancellationToken)).Select(r => r.Current.Period.Label).Distinct().ToList();
            return ToolEvidence.Empty(
                fn,
                $"{series.Name} has no figure for {p.Label}." + (available.Count > 0 ? $" Available periods: {string.Join(", ", available)}." : string.Empty));
        }

        return new ToolEvidence(
            fn,
            found.SelectMany(r => IndicatorEvidence.Items(series, r)).ToList(),
            $"{series.Name} for {p.Label}: {string.Join(", ", found.Select(r => r.Current.Status))}.");
    }

    [KernelFunction(CompareIndicators)]
    [Description("Compares two or more indicator series for the same period, side by side, and says which is larger when they are comparable (same unit, period and status).")]
    public async Task<ToolEvidence> CompareIndicatorsAsync(
        [Description("Comma-separated series ids, e.g. \"series-a,series-b\".")] string ids,
        [Description("Optional period such as 2024 or 2025-01..11. Omit to use the latest period all series share.")] string? period = null,
        CancellationToken cancellationToken = default)
    {
        const string fn = CompareIndicators;
        var (series, error) = await ResolveIdsAsync(ids, cancellationToken);
        if (error is not null)
        {
            return ToolEvidence.Empty(fn, error);
        }

        if (series.Count < 2)
        {
            return ToolEvidence.Empty(fn, "Give at least two series ids separated by commas to compare.");
        }

        var outcomes = new Dictionary<string, IReadOnlyList<ResolvedObservation>>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            outcomes[s.Id] = (await _store.GetObservationsAsync(s.Id, cancellationToken)).ToList();
        }

        Period target;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!PeriodPhraseParser.TryParse(period, out target))
            {
                return ToolEvidence.Empty(fn, $"\"{period}\" is not a period I can read. {PeriodHelp}");
            }
        }
        else
        {
            var shared = series
                .Select(s => outcomes[s.Id].Where(r => IsOutcome(r.Current)).Select(r => r.Current.Period).ToHashSet())
                .Aggregate((a, b) => { a.IntersectWith(b); return a; });
            if (shared.Count == 0)
            {
                var latest = series
                    .Select(s => (Series: s, Latest: outcomes[s.Id].LastOrDefault(r => IsOutcome(r.Current)) ?? (outcomes[s.Id].Count > 0 ? outcomes[s.Id][0] : null)))
                    .Where(x => x.Latest is not null)
                    .ToList();
                return new ToolEvidence(
                    fn,
                    latest.Select(x => IndicatorEvidence.Item(x.Series, x.Latest!.Current)).ToList(),
                    "These series have no period in common, so the figures below (each series' latest) are for different periods and are not directly comparable.");
            }

            target = shared.Max();
        }

        var rows = new List<(IndicatorSeries Series, Observation Observation)>();
        var missing = new List<string>();
        foreach (var s in series)
        {
            var atPeriod = outcomes[s.Id].Where(r => r.Current.Period == target).OrderBy(r => ObservationResolver.ClassOrder(r.Current.Status)).FirstOrDefault();
            if (atPeriod is null)
            {
                missing.Add(s.Name);
            }
            else
            {
                rows.Add((s, atPeriod.Current));
            }
        }

        if (rows.Count == 0)
        {
            return ToolEvidence.Empty(fn, $"None of these series has a figure for {target.Label}.");
        }

        var message = IndicatorEvidence.CompareMessage(rows, target);
        if (missing.Count > 0)
        {
            message += $" No figure for {target.Label}: {string.Join(", ", missing)}.";
        }

        return new ToolEvidence(fn, rows.Select(r => IndicatorEvidence.Item(r.Series, r.Observation)).ToList(), message);
    }

    [KernelFunction(IndicatorSeries)]
    [Description("Lists every figure of one indicator series in period order, including forecasts and targets (each labelled) and earlier releases that were later revised.")]
    public async Task<ToolEvidence> IndicatorSeriesAsync(
        [Description("Series id from find_indicators.")] string id,
        CancellationToken cancellationToken = default)
    {
        const string fn = IndicatorSeries;
        var series = await _store.GetSeriesAsync(id ?? string.Empty, cancellationToken);
        if (series is null)
        {
            return ToolEvidence.Empty(fn, UnknownId(id));
        }

        var all = await _store.GetObservationsAsync(series.Id, cancellationToken);
        if (all.Count == 0)
        {
            return ToolEvidence.Empty(fn, $"{series.Name} ({series.Id}) has no figures loaded.");
        }

        return new ToolEvidence(
            fn,
            all.SelectMany(r => IndicatorEvidence.Items(series, r)).ToList(),
            $"{series.Name}: {all.Count} figure(s) from {all[0].Current.Period.Label} to {all[^1].Current.Period.Label}, in {series.Unit}.");
    }

    [KernelFunction(FindFigures)]
    [Description("Finds figures quoted in article sentences, for subjects with no curated series.")]
    public async Task<ToolEvidence> FindFiguresAsync(
        [Description("What the figure is about.")] string query,
        CancellationToken cancellationToken = default)
    {
        const string fn = FindFigures;
        var figures = await _store.FindExtractedFiguresAsync(query ?? string.Empty, 10, cancellationToken);
        if (figures.Count == 0)
        {
            return ToolEvidence.Empty(fn, $"No figure in the articles matches \"{query}\".");
        }

        var items = figures.Select(f => new EvidenceItem(
            EvidenceKind.Figure,
            IndicatorEvidence.Source(f.Source, null),
            IndicatorText.Extracted(f.Figure),
            new FigureFact(
                string.Empty,
                f.Figure.Subject,
                f.Figure.Value,
                f.Figure.Unit,
                f.Figure.Qualifier,
                f.Figure.Period?.ToString() ?? string.Empty,
                f.Figure.Period?.Label ?? "period not stated",
                f.Figure.Status,
                f.Figure.Measure,
                Sentence: f.Figure.Sentence))).ToList();
        return new ToolEvidence(fn, items, "Figures as quoted in article sentences; check each sentence for what the number describes.");
    }

    private async Task<(IReadOnlyList<IndicatorSeries> Series, string? Error)> ResolveIdsAsync(string? ids, CancellationToken cancellationToken)
    {
        var parts = (ids ?? string.Empty).Split([',', ';', '，'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (parts.Count == 0)
        {
            return ([], "Give one or more series ids separated by commas (find them with find_indicators).");
        }

        var series = new List<IndicatorSeries>();
        var unknown = new List<string>();
        foreach (var part in parts)
        {
            if (await _store.GetSeriesAsync(part, cancellationToken) is { } s)
            {
                series.Add(s);
            }
            else
            {
                unknown.Add(part);
            }
        }

        return unknown.Count > 0
            ? ([], $"Unknown indicator id(s): {string.Join(", ", unknown)}. Use find_indicators to look up ids.")
            : (series, null);
    }

    private static bool IsOutcome(Observation observation) => ObservationResolver.ClassOrder(observation.Status) == 0;

    private static string UnknownId(string? id) => $"No indicator series has the id \"{id}\". Use find_indicators to look up ids.";
}
