using System.CommandLine;
using ChatAnalyst.Knowledge;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Orchestration.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatAnalyst.Cli.Commands;

/// <summary><c>indicators list|show|validate</c> and <c>chart</c>.</summary>
public static class IndicatorCommands
{
    public static Command Indicators(GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var command = new Command("indicators", "Curated indicator series: list, show one, validate the CSV files.");

        var list = new Command("list", "Every series with its latest figure and source.");
        list.SetAction(async (parse, cancellationToken) =>
        {
            using var host = global.BuildHost(parse);
            await CliHost.EnsureKnowledgeAsync(host, cancellationToken);
            var store = host.Services.GetRequiredService<IIndicatorStore>();
            var table = new Table().AddColumns("id", "name", "latest", "period", "status", "source");
            foreach (var series in await store.GetAllSeriesAsync(cancellationToken))
            {
                var latest = (await store.GetLatestAsync(series.Id, cancellationToken))?.Current;
                table.AddRow(
                    Markup.Escape(series.Id),
                    Markup.Escape(series.Name),
                    Markup.Escape(latest is null ? "—" : $"{Qualified(latest)} {series.Unit}"),
                    Markup.Escape(latest?.Period.Label ?? "—"),
                    Markup.Escape(latest?.Status ?? "—"),
                    Markup.Escape(latest?.Source.Title ?? "—"));
            }

            AnsiConsole.Write(table);
            return 0;
        });

        var id = new Argument<string>("id") { Description = "Series id, e.g. high-tech-manufacturing-value-added-growth." };
        var show = new Command("show", "All figures of one series, in period order, with sources and superseded values.") { id };
        show.SetAction(async (parse, cancellationToken) =>
        {
            using var host = global.BuildHost(parse);
            await CliHost.EnsureKnowledgeAsync(host, cancellationToken);
            var store = host.Services.GetRequiredService<IIndicatorStore>();
            var series = await store.GetSeriesAsync(parse.GetValue(id)!, cancellationToken);
            if (series is null)
            {
                CliConsole.Failure($"no series '{parse.GetValue(id)}'; see 'chatanalyst indicators list'");
                return 2;
            }

            AnsiConsole.MarkupLineInterpolated($"[bold]{series.Name}[/] ({series.NameZh}) — {series.Unit}, {series.Measure}, {series.Region}");
            var table = new Table().AddColumns("period", "value", "status", "published", "source", "superseded");
            foreach (var row in await store.GetObservationsAsync(series.Id, cancellationToken))
            {
                var o = row.Current;
                table.AddRow(
                    Markup.Escape(o.Period.Label),
                    Markup.Escape($"{Qualified(o)} {series.Unit}"),
                    Markup.Escape(o.Status),
                    Markup.Escape(o.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "—"),
                    Markup.Escape(o.Source.Url),
                    Markup.Escape(string.Join("; ", row.Superseded.Select(s => $"{s.ValueText} ({s.Published:yyyy-MM-dd})"))));
            }

            AnsiConsole.Write(table);
            return 0;
        });

        var validate = new Command("validate", "Check the indicator CSV files; every bad row is listed with file, line and reason.");
        validate.SetAction(async (parse, cancellationToken) =>
        {
            using var host = global.BuildHost(parse);
            await CliHost.EnsureKnowledgeAsync(host, cancellationToken);
            var report = await host.Services.GetRequiredService<IIndicatorLoader>().LoadAsync(host.Services.GetRequiredService<KnowledgePaths>().Indicators, cancellationToken);
            foreach (var error in report.Errors)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{error}[/]");
            }

            AnsiConsole.MarkupLineInterpolated($"{report.Series} series, {report.Observations} observations, {report.Errors.Count} errors");
            return report.Errors.Count == 0 ? 0 : 1;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(show);
        command.Subcommands.Add(validate);
        return command;
    }

    public static Command Chart(GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var ids = new Argument<string>("ids") { Description = "Comma-separated series ids in the same unit." };
        var from = new Option<string?>("--from") { Description = "First period, e.g. 2023." };
        var to = new Option<string?>("--to") { Description = "Last period, e.g. 2025-01..11." };
        var output = new Option<string>("--out") { Description = "PNG file to write.", DefaultValueFactory = _ => "chart.png" };
        var command = new Command("chart", "Render a PNG chart of indicator series.") { ids, from, to, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = global.BuildHost(parse);
            await CliHost.EnsureKnowledgeAsync(host, cancellationToken);
            var plugin = ActivatorUtilities.CreateInstance<IndicatorsPlugin>(host.Services);
            var result = await plugin.ChartIndicatorsAsync(parse.GetValue(ids)!, parse.GetValue(from), parse.GetValue(to), cancellationToken);
            if (result.Chart is null)
            {
                CliConsole.Failure(result.Message ?? "nothing to chart");
                return 2;
            }

            var path = Path.GetFullPath(parse.GetValue(output)!);
            await File.WriteAllBytesAsync(path, result.Chart.Png, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"{result.Chart.Title}: {result.Chart.Width}x{result.Chart.Height} PNG written to {path}");
            return 0;
        });
        return command;
    }

    private static string Qualified(Observation o) => string.IsNullOrEmpty(o.Qualifier) ? o.ValueText : $"{o.Qualifier} {o.ValueText}";
}
