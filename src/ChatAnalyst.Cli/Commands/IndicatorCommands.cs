using System.CommandLine;
using System.Text;
using ChatAnalyst.Knowledge;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Orchestration.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatAnalyst.Cli.Commands;

/// <summary><c>indicators list|show|validate</c> and <c>chart</c>.</summary>
public static class IndicatorCommands
{
    private const string Indent = "    ";

    public static Command Indicators(GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var command = new Command("indicators", "Curated indicator series: list, show one, validate the CSV files.");

        var list = new Command("list", "Every series id, with its name and latest figure ('show ID' gives sources and history).");
        list.SetAction(async (parse, cancellationToken) =>
        {
            using var host = global.BuildHost(parse);
            await CliHost.EnsureKnowledgeAsync(host, cancellationToken);
            var store = host.Services.GetRequiredService<IIndicatorStore>();
            foreach (var series in await store.GetAllSeriesAsync(cancellationToken))
            {
                var latest = (await store.GetLatestAsync(series.Id, cancellationToken))?.Current;
                var figure = latest is null
                    ? "no figures yet"
                    : $"{Qualified(latest)} {series.Unit} ({latest.Period.Label}, {latest.Status})";

                // An 80-column terminal has no room for a table of ids that run to 55 characters: the id goes on a
                // line of its own, never wrapped, and the name and figure follow indented, wrapped at spaces.
                Console.Out.WriteLine(series.Id);
                foreach (var line in WrapAtSpaces($"{series.Name}: {figure}", CliConsole.Out.Profile.Width - Indent.Length))
                {
                    Console.Out.WriteLine(Indent + line);
                }
            }

            return 0;
        });

        var id = new Argument<string>("id") { Description = "Series id, as `indicators list` shows it." };
        var show = new Command("show", "All figures of one series, in period order, with sources and superseded values.") { id };
        show.SetAction(async (parse, cancellationToken) =>
        {
            using var host = global.BuildHost(parse);
            await CliHost.EnsureKnowledgeAsync(host, cancellationToken);
            var store = host.Services.GetRequiredService<IIndicatorStore>();
            var series = await store.GetSeriesAsync(parse.GetValue(id)!, cancellationToken);
            if (series is null)
            {
                CliConsole.Failure($"no series '{parse.GetValue(id)}'; 'chatanalyst indicators list' shows every id.");
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
        var output = new Option<string>("--out") { Description = "PNG file to write (default: chart.png in the current directory; the path written is printed).", DefaultValueFactory = _ => "chart.png" };
        var command = new Command("chart", "Render a PNG chart of indicator series.") { ids, from, to, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = global.BuildHost(parse);
            await CliHost.EnsureKnowledgeAsync(host, cancellationToken);
            if (await UnknownIdsMessageAsync(host.Services.GetRequiredService<IIndicatorStore>(), parse.GetValue(ids)!, cancellationToken) is { } unknown)
            {
                CliConsole.Failure(unknown);
                return 2;
            }

            var plugin = ActivatorUtilities.CreateInstance<IndicatorsPlugin>(host.Services);
            var result = await plugin.ChartIndicatorsAsync(parse.GetValue(ids)!, parse.GetValue(from), parse.GetValue(to), cancellationToken);
            if (result.Chart is null)
            {
                CliConsole.Failure(result.Message ?? "nothing to chart");
                return 2;
            }

            var path = Path.GetFullPath(parse.GetValue(output)!);
            await File.WriteAllBytesAsync(path, result.Chart.Png, cancellationToken);

            // Written as it is: Spectre would wrap a long path at 80 columns, and the path is what the user needs.
            Console.Out.WriteLine($"Wrote {path} ({result.Chart.Width}x{result.Chart.Height} PNG): {result.Chart.Title}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The plugin's own message for an unknown id is written for the model (it names its find_indicators tool);
    /// a person at the command line gets the closest id and the command that lists them all.
    /// </summary>
    private static async Task<string?> UnknownIdsMessageAsync(IIndicatorStore store, string ids, CancellationToken cancellationToken)
    {
        var messages = new List<string>();
        foreach (var id in ids.Split([',', ';', '，'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (await store.GetSeriesAsync(id, cancellationToken) is null)
            {
                var closest = await store.FindSeriesAsync(id, 1, cancellationToken);
                messages.Add(closest.Count == 0 ? $"no series '{id}'" : $"no series '{id}' (did you mean '{closest[0].Series.Id}'?)");
            }
        }

        return messages.Count == 0 ? null : string.Join("; ", messages) + "; 'chatanalyst indicators list' shows every id.";
    }

    /// <summary>Splits text into lines of at most <paramref name="width"/> characters, breaking only at spaces.</summary>
    private static IEnumerable<string> WrapAtSpaces(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    private static string Qualified(Observation o) => string.IsNullOrEmpty(o.Qualifier) ? o.ValueText : $"{o.Qualifier} {o.ValueText}";
}
