using System.ComponentModel;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Indicators.Charts;
using ChatAnalyst.Orchestration.Evidence;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Orchestration.Plugins;

/// <summary>The indicators plugin's chart function.</summary>
public sealed partial class IndicatorsPlugin
{
    [KernelFunction(ChartIndicators)]
    [Description("Draws a PNG chart of indicator series: one panel per unit and measure (a growth rate and a share never share an axis); a full year and a January-to-month total are never joined by a line. Actual and preliminary figures only.")]
    public async Task<ToolEvidence> ChartIndicatorsAsync(
        [Description("Comma-separated series ids, one per indicator asked for.")] string ids,
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

        if (!TryPeriod(from, out var first, out error) || !TryPeriod(to, out var last, out error))
        {
            return ToolEvidence.Empty(fn, error!);
        }

        var drawn = new List<(IndicatorSeries Series, IReadOnlyList<Observation> Observations)>();
        var leftOut = 0;
        foreach (var s in series)
        {
            var inRange = (await _store.GetObservationsAsync(s.Id, cancellationToken))
                .Select(r => r.Current)
                .Where(o => (first is not { } a || o.Period >= a) && (last is not { } b || o.Period <= b))
                .ToList();
            leftOut += inRange.Count(o => !IsOutcome(o));
            drawn.Add((s, inRange.Where(IsOutcome).ToList()));
        }

        var plan = IndicatorChartPlanner.Plan(drawn);
        if (plan.Panels.Count == 0)
        {
            return ToolEvidence.Empty(fn, "No actual figures to chart for these series in that range.");
        }

        // Figures are listed (caption, card table) in the order the chart's axis shows them.
        var axes = plan.Panels.SelectMany(p => p.Series.Select(s => (s.Name, Axis: PeriodAxis.For(p.Series)))).DistinctBy(a => a.Name).ToDictionary(a => a.Name, a => a.Axis);
        var rows = drawn
            .Where(d => d.Observations.Count > 0 && axes.ContainsKey(d.Series.Name))
            .SelectMany(d => d.Observations.OrderBy(o => axes[d.Series.Name].IndexOf(o.Period)).Select(o => (d.Series, Observation: o)))
            .ToList();
        var publishers = rows.Select(r => r.Observation.Source.Publisher ?? r.Observation.Source.Title).Distinct(StringComparer.Ordinal);
        var rendered = _renderer.Render(new ChartRequest(plan.Title, plan.Panels, "Source: " + string.Join("; ", publishers)));
        var facts = rows
            .Select(r => new ChartFact(
                r.Series.Name,
                r.Observation.Period.Label,
                r.Observation.Qualifier is null ? r.Observation.DisplayValue : $"{r.Observation.Qualifier} {r.Observation.DisplayValue}",
                r.Series.Unit,
                r.Observation.Status,
                IndicatorEvidence.Source(r.Observation.Source, r.Observation.Published)))
            .ToList();
        return new ToolEvidence(
            fn,
            rows.Select(r => IndicatorEvidence.Item(r.Series, r.Observation)).ToList(),
            ChartMessage(drawn, plan, rendered, leftOut),
            new ChartImage(plan.Title, rendered.Png, rendered.Width, rendered.Height, facts));
    }

    /// <summary>What the chart shows and, as plainly, what it leaves out and why, for the model to pass on.</summary>
    private static string ChartMessage(List<(IndicatorSeries Series, IReadOnlyList<Observation> Observations)> drawn, ChartPlan plan, RenderedChart rendered, int forecasts)
    {
        var shown = plan.Panels.SelectMany(p => p.Series).Select(s => s.Name).ToList();
        var panels = plan.Panels.Count == 1 ? "one panel" : $"{plan.Panels.Count} panels, one per unit and measure";
        var message = $"Chart of {string.Join(", ", shown)} ({rendered.Kind} chart, {panels}).";
        if (plan.Panels.Any(p => PeriodAxis.For(p.Series).Groups.Count > 1))
        {
            message += " Periods of different kinds (such as a full year and a January-to-month total) are drawn side by side, not joined.";
        }

        var empty = drawn.Where(d => d.Observations.Count == 0).Select(d => d.Series.Name).ToList();
        if (empty.Count > 0)
        {
            message += $" No actual figures to chart for {string.Join(", ", empty)}.";
        }

        if (plan.LeftOut.Count > 0)
        {
            message += $" Left out, because one chart holds at most {ChartRequest.MaxPanels} panels: {string.Join(", ", plan.LeftOut.Select(s => s.Name))}; chart them separately.";
        }

        if (forecasts > 0)
        {
            message += $" {forecasts} forecast or target figure(s) were left out of the chart because they are not actual figures.";
        }

        return message;
    }

    private static bool TryPeriod(string? text, out Period? period, out string? error)
    {
        period = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!PeriodPhraseParser.TryParse(text, out var parsed))
        {
            error = $"\"{text}\" is not a period I can read. {PeriodHelp}";
            return false;
        }

        period = parsed;
        return true;
    }
}
