using System.CommandLine;
using System.Globalization;
using ChatAnalyst.Knowledge;
using ChatAnalyst.Knowledge.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatAnalyst.Cli.Commands;

/// <summary><c>ingest</c>: brings the index in line with the article folders, with a progress bar and a summary.</summary>
public static class IngestCommands
{
    public static Command Ingest(GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var folders = new Argument<string[]>("folders")
        {
            Description = "Article folders (default: ChatAnalyst:Knowledge:Sources).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("ingest", "Ingest new, changed and deleted articles (incremental by content hash).") { folders };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = global.BuildHost(parse);
            var paths = host.Services.GetRequiredService<KnowledgePaths>();
            var requested = parse.GetValue(folders) ?? [];
            var targets = requested.Length > 0 ? requested.Select(Path.GetFullPath).ToList() : paths.Sources.ToList();
            var missing = targets.Where(f => !Directory.Exists(f)).ToList();
            if (missing.Count > 0)
            {
                CliConsole.Failure("no such folder: " + string.Join(", ", missing));
                return 2;
            }

            var ingestion = host.Services.GetRequiredService<IIngestionService>();

            // A progress bar is for a terminal; redirected, Spectre would print stale percentages as lines.
            var summary = CliConsole.Error.Profile.Capabilities.Interactive
                ? await IngestWithProgressAsync(CliConsole.Error, ingestion, targets, cancellationToken)
                : await ingestion.IngestAsync(targets, null, cancellationToken);

            foreach (var warning in summary.Warnings)
            {
                CliConsole.Warning($"{warning.File}: {warning.Reason}");
            }

            var table = new Table().AddColumns("added", "updated", "unchanged", "removed", "failed", "chunks", "seconds");
            table.AddRow(
                summary.Added.ToString(CultureInfo.InvariantCulture),
                summary.Updated.ToString(CultureInfo.InvariantCulture),
                summary.Unchanged.ToString(CultureInfo.InvariantCulture),
                summary.Removed.ToString(CultureInfo.InvariantCulture),
                summary.Failed.ToString(CultureInfo.InvariantCulture),
                summary.Chunks.ToString(CultureInfo.InvariantCulture),
                summary.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture));
            CliConsole.Out.Write(table);

            // 1 tells a script that some file is not in the index (the warnings say which and why).
            return summary.Failed > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>Runs the ingestion under a Spectre progress bar on <paramref name="console"/>, one step per file.</summary>
    internal static Task<IngestionSummary> IngestWithProgressAsync(IAnsiConsole console, IIngestionService ingestion, IReadOnlyList<string> folders, CancellationToken cancellationToken) =>
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Ingesting", maxValue: 1);
                var progress = new SyncProgress<IngestionProgress>(p =>
                {
                    task.MaxValue = Math.Max(p.Total, 1);
                    task.Value = p.Done;

                    // The last report comes after the last file and names none; Spectre refuses an empty description.
                    task.Description = string.IsNullOrEmpty(p.CurrentFile)
                        ? "Removing deleted articles"
                        : Markup.Escape(Path.GetFileName(p.CurrentFile));
                });
                var summary = await ingestion.IngestAsync(folders, progress, cancellationToken);
                task.Value = task.MaxValue;
                task.Description = "Done";
                return summary;
            });

    /// <summary>Reports progress on the calling thread (Progress&lt;T&gt; would post to the thread pool and race the bar).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
