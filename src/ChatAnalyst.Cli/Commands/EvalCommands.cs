using System.CommandLine;
using System.Globalization;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evaluation;
using ChatAnalyst.Orchestration.Reading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace ChatAnalyst.Cli.Commands;

/// <summary><c>eval retrieval</c> and <c>eval answers</c>: the quality tables, on the configured knowledge base.</summary>
public static class EvalCommands
{
    public static Command Eval(GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var command = new Command("eval", "Measure retrieval or answer quality on an evaluation file.");
        command.Subcommands.Add(Retrieval(global));
        command.Subcommands.Add(Answers(global));
        return command;
    }

    private static Command Retrieval(GlobalOptions global)
    {
        var file = new Option<string?>("--file") { Description = "JSONL of {query, relevant[]} (default: tests/eval/retrieval.jsonl of the repository or the installed tool)." };
        var command = new Command("retrieval", "recall@1, recall@5 and MRR for keyword-only, dense-only and hybrid search.") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = global.BuildHost(parse);
            await CliHost.EnsureKnowledgeAsync(host, cancellationToken);
            var report = await host.Services.GetRequiredService<RetrievalEvaluator>().EvaluateAsync(EvalFile(host, parse.GetValue(file), "retrieval.jsonl"), cancellationToken);
            var table = new Table().AddColumns("mode", "recall@1", "recall@5", "MRR", "mean ms");
            foreach (var mode in report.Modes)
            {
                table.AddRow(
                    mode.Mode + (mode.Mode == report.DefaultMode ? " (default)" : string.Empty),
                    F(mode.RecallAt1),
                    F(mode.RecallAt5),
                    F(mode.Mrr),
                    mode.MeanLatency.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
            }

            AnsiConsole.MarkupLineInterpolated($"{report.Queries} queries");
            AnsiConsole.Write(table);
            foreach (var miss in report.Misses)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]miss[/] {miss.Id}: {miss.Query}");
            }

            return 0;
        });
        return command;
    }

    private static Command Answers(GlobalOptions global)
    {
        var file = new Option<string?>("--file") { Description = "JSONL of answer cases (default: tests/eval/answers.jsonl of the repository or the installed tool)." };
        var showFailures = new Option<bool>("--failures") { Description = "List every case that missed." };
        var command = new Command("answers", "Answer accuracy, citation match, refusal accuracy, unsupported numbers, latency p50/p95.") { file, showFailures };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = global.BuildHost(parse);
            await CliHost.EnsureKnowledgeAsync(host, cancellationToken);
            var evaluator = new AnswerEvaluator(host.Services.GetRequiredService<AnswerOrchestrator>(), host.Services.GetRequiredService<ReaderTraceSink>());
            var report = await evaluator.EvaluateAsync(AnswerEvaluator.Load(EvalFile(host, parse.GetValue(file), "answers.jsonl")), cancellationToken);
            var table = new Table().AddColumns("cases", "accuracy", "naive baseline", "context recall", "citation match", "refusal accuracy", "false refusals", "unsupported numbers", "p50 ms", "p95 ms");
            table.AddRow(
                report.Cases.ToString(CultureInfo.InvariantCulture),
                F(report.Accuracy),
                report.BaselineAccuracy is { } baseline ? F(baseline) : "-",
                report.ContextRecall is { } recall ? F(recall) : "-",
                F(report.CitationMatch),
                F(report.RefusalAccuracy),
                report.FalseRefusals.ToString(CultureInfo.InvariantCulture),
                report.UnsupportedNumbers.ToString(CultureInfo.InvariantCulture),
                report.LatencyP50Ms.ToString("F1", CultureInfo.InvariantCulture),
                report.LatencyP95Ms.ToString("F1", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            if (report.SentenceRecall is { } sentenceRecall)
            {
                AnsiConsole.MarkupLineInterpolated($"context recall: the tools' evidence holds an answer in a cited article (its passages together; a comparison's gap from two of its figures). One sentence the reader scored holds a whole answer: {F(sentenceRecall)}");
            }

            if (parse.GetValue(showFailures))
            {
                foreach (var failure in report.Failures)
                {
                    AnsiConsole.MarkupLineInterpolated($"[yellow]{failure.Id}[/] {failure.Question} — {failure.Reason}\n    {failure.Answer}");
                }

                foreach (var miss in report.ContextMisses)
                {
                    AnsiConsole.MarkupLineInterpolated($"[yellow]context miss[/] {miss.Id} ({miss.EvidenceItems} evidence items) {miss.Question}");
                }
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// A file given with --file is taken relative to the working directory, like any path a user types. The default
    /// sits under the content root (the repository, or the tool's own folder where the build copies tests/eval), so
    /// <c>eval</c> works from any directory.
    /// </summary>
    private static string EvalFile(IHost host, string? given, string defaultName)
    {
        var full = given is null
            ? Path.Combine(host.Services.GetRequiredService<IHostEnvironment>().ContentRootPath, "tests", "eval", defaultName)
            : Path.GetFullPath(given);
        return File.Exists(full) ? full : throw new IOException($"Evaluation file '{full}' not found; pass --file.");
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
