using System.ComponentModel;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Orchestration.Evidence;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Orchestration.Plugins;

/// <summary>The indicators plugin's chart function.</summary>
public sealed partial class IndicatorsPlugin
{
    [KernelFunction(ChartIndicators)]
    [Description("Draws a chart (PNG) of one or more indicator series in the same unit: a bar chart when they share a single period, a line chart over time otherwise. Only actual and preliminary figures are drawn.")]
    public async Task<ToolEvidence> ChartIndicatorsAsync(
        [Description("Comma-separated series ids, all in the same unit.")] string ids,
        [Description("Optional first period to include, e.g. 2020.")] string? from = null,
        [Description("Optional last period to include, e.g. 2025-01..11.")] string? to = null,
        CancellationToken cancellationToken = default)
    {
        const string fn = ChartIndicators;
        var (series, error) = await ResolveIdsAsync(ids, cancellationToken);
        if (error is not null)
        {
            return ToolEvidence.Empty(fn, error);
        }

        Period? first = null, last = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (!PeriodPhraseParser.TryParse(from, out var f))
            {
                return ToolEvidence.Empty(fn, $"\"{from}\" is not a period I can read. {PeriodHelp}");
            }

            first = f;
        }

        if (!string.IsNullOrWhiteSpace(to))
        {
            if (!PeriodPhraseParser.TryParse(to, out var t))
            {
                return ToolEvidence.Empty(fn, $"\"{to}\" is not a period I can read. {PeriodHelp}");
            }

            last = t;
        }

        var units = series.Select(s => s.Unit).Distinct(StringComparer.Ordinal).ToList();
        if (units.Count > 1)
        {
            return ToolEvidence.Empty(fn, $"These series are in different units ({string.Join(", ", units)}), so they cannot share one chart. Chart them separately.");
        }

        var rows = new List<(IndicatorSeries Series, Observation Observation)>();
        var leftOut = 0;
        foreach (var s in series)
        {
            foreach (var r in await _store.GetObservationsAsync(s.Id, cancellationToken))
            {
                if ((first is { } a && r.Current.Period < a) || (last is { } b && r.Current.Period > b))
                {
                    continue;
                }

                if (IsOutcome(r.Current))
                {
                    rows.Add((s, r.Current));
                }
                else
                {
                    leftOut++;
                }
            }
        }

        if (rows.Count == 0)
        {
            return ToolEvidence.Empty(fn, "No actual figures to chart for these series in that range.");
        }

        var periods = rows.Select(r => r.Observation.Period).Distinct().Order().ToList();
        var chartSeries = series
            .Select(s => new ChartSeries(
                s.Name,
                periods.Select(p => rows.FirstOrDefault(r => r.Series.Id == s.Id && r.Observation.Period == p).Observation is { } o ? (double?)(double)o.Value : null).ToList()))
            .Where(cs => cs.Values.Any(v => v is not null))
            .ToList();
        var names = string.Join(" vs ", chartSeries.Select(c => c.Name));
        var title = names.Length <= 90 ? $"{names}, {Span(periods)}" : $"{chartSeries.Count} indicators in {series[0].Unit}, {Span(periods)}";
        var publishers = rows.Select(r => r.Observation.Source.Publisher ?? r.Observation.Source.Title).Distinct(StringComparer.Ordinal).ToList();
        var sourceLine = "Source: " + string.Join("; ", publishers);
        if (sourceLine.Length > 160)
        {
            sourceLine = sourceLine[..157] + "...";
        }

        var rendered = _renderer.Render(new ChartRequest(title, AxisLabel(series[0]), periods.Select(p => p.Label).ToList(), chartSeries, sourceLine));
        var facts = rows
            .Select(r => new KeyValuePair<string, string>(
                $"{r.Series.Name}, {r.Observation.Period.Label}",
                $"{IndicatorText.Amount(r.Observation.DisplayValue, r.Series.Unit, r.Observation.Qualifier)} ({r.Observation.Status})"))
            .ToList();
        var message = $"Chart of {string.Join(", ", chartSeries.Select(c => c.Name))} ({rendered.Kind} chart, {periods.Count} period(s)).";
        if (leftOut > 0)
        {
            message += $" {leftOut} forecast or target figure(s) were left out of the chart because they are not actual figures.";
        }

        return new ToolEvidence(
            fn,
            rows.Select(r => IndicatorEvidence.Item(r.Series, r.Observation)).ToList(),
            message,
            new ChartImage(title, rendered.Png, rendered.Width, rendered.Height, facts));
    }

    private static string Span(List<Period> periods) =>
        periods.Count == 1 ? periods[0].Label : $"{periods[0].Label} to {periods[^1].Label}";

    private static string AxisLabel(IndicatorSeries series) => series.Measure switch
    {
        "yoy_growth" => series.Unit + " (year-on-year growth)",
        "share" => series.Unit + " (share)",
        _ => series.Unit,
    };
}
