using System.CommandLine;
using System.Globalization;
using ChatAnalyst.Knowledge.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAnalyst.Cli.Commands;

/// <summary><c>feedback list</c> and <c>feedback export</c>: what users said about answers (Teams' thumbs up/down).</summary>
public static class FeedbackCommands
{
    private const string Indent = "    ";

    public static Command Feedback(GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var command = new Command("feedback", "Feedback users gave on answers (like or dislike, with an optional comment): list or export.");

        var list = new Command("list", "Every feedback record, oldest first: time, reaction, question, comment.");
        list.SetAction(async (parse, cancellationToken) =>
        {
            using var host = global.BuildHost(parse);
            var records = await host.Services.GetRequiredService<IFeedbackStore>().ListFeedbackAsync(cancellationToken);
            if (records.Count == 0)
            {
                Console.Out.WriteLine("No feedback yet.");
                return 0;
            }

            foreach (var r in records)
            {
                Console.Out.WriteLine($"{r.GivenAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}  {r.Reaction}");
                Console.Out.WriteLine(Indent + "question: " + (r.Question ?? "(answer not on record: conversation " + r.ConversationId + ", message " + r.ActivityId + ")"));
                if (r.MatchedBy == FeedbackMatch.LatestAnswer)
                {
                    Console.Out.WriteLine(Indent + "(the client named no message: tied to the conversation's latest answer)");
                }

                if (!string.IsNullOrWhiteSpace(r.Comment))
                {
                    Console.Out.WriteLine(Indent + "comment: " + r.Comment);
                }
            }

            var counts = records.GroupBy(r => r.Reaction, StringComparer.OrdinalIgnoreCase).Select(g => $"{g.Count()} {g.Key}");
            Console.Out.WriteLine($"{records.Count} feedback record(s): {string.Join(", ", counts)}");
            return 0;
        });

        var format = new Option<string>("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<string?>("--out") { Description = "File to write (default: standard output)." };
        var export = new Command("export", "Every feedback record with its question, answer and cited sources, as CSV or JSON.") { format, output };
        export.SetAction(async (parse, cancellationToken) =>
        {
            using var host = global.BuildHost(parse);
            var records = await host.Services.GetRequiredService<IFeedbackStore>().ListFeedbackAsync(cancellationToken);
            var text = parse.GetValue(format) == "json" ? FeedbackExport.Json(records) : FeedbackExport.Csv(records);
            if (parse.GetValue(output) is not { Length: > 0 } file)
            {
                Console.Out.Write(text);
                return 0;
            }

            var path = Path.GetFullPath(file);
            await File.WriteAllTextAsync(path, text, cancellationToken);
            Console.Out.WriteLine($"Wrote {path} ({records.Count} feedback record(s))");
            return 0;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(export);
        return command;
    }
}
