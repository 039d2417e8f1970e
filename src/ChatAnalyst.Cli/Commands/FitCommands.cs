using System.CommandLine;
using System.Globalization;
using ChatAnalyst.Knowledge;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evaluation;
using ChatAnalyst.Orchestration.Reading;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatAnalyst.Cli.Commands;

/// <summary>
/// <c>fit reader</c>: runs labelled questions through the real offline path, records every candidate the reader saw
/// with its features, labels the candidates that hold an accepted answer in a cited article, fits the ranker and the
/// abstainer, and writes the model file with its provenance. Only training files go in; held-out sets never do.
/// </summary>
public static class FitCommands
{
    private const string DefaultOut = "src/ChatAnalyst.Orchestration/Reading/reader-model.json";

    public static Command Fit(GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var command = new Command("fit", "Fit model weights from labelled training data.");
        var train = new Option<string[]>("--train")
        {
            Description = "FILE@FOLDER: an answers JSONL and the article folder its questions are about (repeatable).",
            DefaultValueFactory = _ => ["tests/eval/answers.jsonl@knowledge/articles", "tests/eval/train-sources.jsonl@../shared/sources", "tests/eval/train-news.jsonl@tests/eval/train-news", "tests/eval/train-news2.jsonl@tests/eval/train-news2", "tests/eval/train-news3.jsonl@tests/eval/train-news3", "tests/eval/train-news4.jsonl@tests/eval/train-news4", "tests/eval/train-news5.jsonl@tests/eval/train-news5", "tests/eval/train-news6.jsonl@tests/eval/train-news6", "tests/eval/train-news7.jsonl@tests/eval/train-news7", "tests/eval/train-news8.jsonl@tests/eval/train-news8", "tests/eval/train-news9.jsonl@tests/eval/train-news9", "tests/eval/train-news10.jsonl@tests/eval/train-news10", "tests/eval/train-news11.jsonl@tests/eval/train-news11", "tests/eval/train-news12.jsonl@tests/eval/train-news12"],
        };
        var output = new Option<string>("--out") { Description = "Where to write the model.", DefaultValueFactory = _ => DefaultOut };
        var reader = new Command("reader", "Fit the offline reader's ranker and abstainer.") { train, output };
        reader.SetAction(async (parse, cancellationToken) =>
        {
            var root = ContentRootLocator.Locate();
            var questions = new List<TrainingQuestion>();
            var sources = new List<string>();
            foreach (var spec in parse.GetValue(train)!)
            {
                var parts = spec.Split('@', 2);
                var file = Path.GetFullPath(parts[0], root);
                var folder = Path.GetFullPath(parts.Length > 1 ? parts[1] : "knowledge/articles", root);
                if (!File.Exists(file) || !Directory.Exists(folder))
                {
                    AnsiConsole.MarkupLineInterpolated($"[yellow]skipped[/] {spec}: {(File.Exists(file) ? folder : file)} not found");
                    continue;
                }

                var labelled = await LabelAsync(global, parse, file, folder, cancellationToken);
                questions.AddRange(labelled);
                sources.Add($"{Path.GetRelativePath(root, file)} ({labelled.Count} questions, {labelled.Count(q => q.Correct.Any(c => c))} with a correct candidate)");
            }

            if (questions.Count == 0)
            {
                AnsiConsole.MarkupLine("[red]No training data found.[/]");
                return 1;
            }

            var provenance = new Dictionary<string, string>
            {
                ["command"] = "chatanalyst fit reader",
                ["fitted"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["training"] = string.Join("; ", sources),
                ["method"] = "listwise softmax ranker and class-balanced logistic abstainer, batch gradient descent with L2",
            };
            var model = ReaderTrainer.Fit(questions, provenance);
            model.Provenance["training_top1"] = ReaderTrainer.TopOne(model, questions).ToString("F3", CultureInfo.InvariantCulture);
            model.Provenance["cross_validated_top1"] = ReaderTrainer.CrossValidatedTopOne(questions).ToString("F3", CultureInfo.InvariantCulture);
            model.Provenance["cross_validated_decisions"] = ReaderTrainer.CrossValidatedDecisions(questions).ToString("F3", CultureInfo.InvariantCulture);
            model.Provenance["naive_baseline_top1"] = ReaderTrainer.BaselineTopOne(questions).ToString("F3", CultureInfo.InvariantCulture);
            var path = Path.GetFullPath(parse.GetValue(output)!, root);
            model.Save(path);
            AnsiConsole.MarkupLineInterpolated($"{questions.Count} questions; training top-1 {model.Provenance["training_top1"]}, cross-validated {model.Provenance["cross_validated_top1"]} (decisions {model.Provenance["cross_validated_decisions"]}), naive baseline {model.Provenance["naive_baseline_top1"]}; answer threshold {model.AnswerThreshold:F2}; written to {path}");
            return 0;
        });
        command.Subcommands.Add(reader);
        return command;
    }

    private static async Task<List<TrainingQuestion>> LabelAsync(GlobalOptions global, ParseResult parse, string file, string folder, CancellationToken cancellationToken)
    {
        var database = Path.Combine(Path.GetTempPath(), "chatanalyst-fit-" + Guid.NewGuid().ToString("N") + ".db");
        var noIndicators = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "chatanalyst-fit-no-indicators")).FullName;
        var isSample = Path.GetFullPath(folder) == Path.GetFullPath("knowledge/articles", ContentRootLocator.Locate());
        string[] overrides =
        [
            .. (parse.GetValue(global.Set) ?? []).Select(s => "--" + s),
            $"--ChatAnalyst:Knowledge:Sources:0={folder}",
            $"--ChatAnalyst:Knowledge:Database={database}",
            .. isSample ? Array.Empty<string>() : [$"--ChatAnalyst:Knowledge:Indicators={noIndicators}"],
        ];
        try
        {
            using var host = CliHost.Build(overrides);
            await CliHost.EnsureKnowledgeAsync(host, cancellationToken);
            var orchestrator = host.Services.GetRequiredService<AnswerOrchestrator>();
            var traces = host.Services.GetRequiredService<ReaderTraceSink>();
            traces.Enabled = true;
            var labelled = new List<TrainingQuestion>();
            foreach (var @case in AnswerEvaluator.Load(file))
            {
                var history = new List<ChatTurn>();
                foreach (var earlier in @case.History)
                {
                    var previous = await orchestrator.AnswerAsync(history, earlier, cancellationToken);
                    history.Add(new ChatTurn(ChatTurn.User, earlier));
                    history.Add(new ChatTurn(ChatTurn.Assistant, previous.Text));
                }

                traces.Drain();
                await orchestrator.AnswerAsync(history, @case.Question, cancellationToken);
                if (traces.Drain() is not [.., var trace])
                {
                    // Declined before reading (a refusal pattern) or answered by a chart: nothing to learn from.
                    continue;
                }

                if (Environment.GetEnvironmentVariable("CHATANALYST_FIT_REPORT") is { Length: > 0 } report && trace.Candidates.Count > 0
                    && !@case.ExpectsDecline && trace.Candidates[0] is var best && !@case.IsAnsweredBy(best.Text, best.DocumentId))
                {
                    var right = trace.Candidates.FirstOrDefault(c => @case.IsAnsweredBy(c.Text, c.DocumentId));
                    await File.AppendAllTextAsync(report, $"{@case.Id} [{@case.Type}] {@case.Question}\n  top: {best.DocumentId}: {best.Text}\n  right: {(right.Text is null ? "(none among candidates)" : right.DocumentId + ": " + right.Text)}\n", cancellationToken);
                }

                labelled.Add(new TrainingQuestion(
                    trace.Candidates.Select(c => c.Features).ToList(),
                    trace.Candidates.Select(c => !@case.ExpectsDecline && @case.IsAnsweredBy(c.Text, c.DocumentId)).ToList(),
                    !@case.ExpectsDecline,
                    TextTerms.IsChinese(@case.Question),
                    trace.Rules));
            }

            return labelled;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }
}
