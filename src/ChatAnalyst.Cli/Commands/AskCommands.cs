using System.CommandLine;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Reading;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAnalyst.Cli.Commands;

/// <summary><c>ask</c> and <c>chat</c>: the same orchestrator the bot uses, no second code path.</summary>
public static class AskCommands
{
    private const string ChatHelp = """
        Ask a question in English or Chinese; follow-ups may refer to the previous answer.
        Every figure comes with its period and a numbered source; the answer says so when the knowledge base does not cover a question.
          help          this text
          reset         forget the conversation so far
          exit, quit    leave (an empty line too)
        """;

    public static Command Ask(GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var question = new Argument<string>("question") { Description = "The question, in quotes." };
        var json = new Option<bool>("--json") { Description = "Print the answer as JSON for scripts." };
        var explain = new Option<bool>("--explain") { Description = "Also print the offline reader's best candidates with their scores (to stderr)." };
        var command = new Command("ask", "Answer one question and print the numbered sources.") { question, json, explain };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(question)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                CliConsole.Failure("the question is empty; try: chatanalyst ask \"How big was China's core AI industry in 2025?\"");
                return 2;
            }

            using var host = global.BuildHost(parse);
            await CliHost.EnsureKnowledgeAsync(host, cancellationToken);
            var orchestrator = host.Services.GetRequiredService<AnswerOrchestrator>();
            var traces = host.Services.GetRequiredService<ReaderTraceSink>();
            traces.Enabled = parse.GetValue(explain);
            var answer = await orchestrator.AnswerAsync([], text, cancellationToken);
            AnswerPrinter.Print(answer, parse.GetValue(json), Console.Out);
            if (traces.Enabled)
            {
                ReaderExplanation.Print(traces.Drain(), host.Services.GetRequiredService<ReaderModel>(), Console.Error);
            }

            return 0;
        });
        return command;
    }

    public static Command Chat(GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var json = new Option<bool>("--json") { Description = "Print each answer as JSON." };
        var explain = new Option<bool>("--explain") { Description = "After each answer, print the offline reader's best candidates with their scores (to stderr)." };
        var command = new Command("chat", "Interactive conversation with history; 'help' lists the commands, 'reset' clears the history, an empty line or 'exit' quits.") { json, explain };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = global.BuildHost(parse);
            await CliHost.EnsureKnowledgeAsync(host, cancellationToken);
            var orchestrator = host.Services.GetRequiredService<AnswerOrchestrator>();
            var traces = host.Services.GetRequiredService<ReaderTraceSink>();
            traces.Enabled = parse.GetValue(explain);
            var history = new List<ChatTurn>();
            Console.WriteLine("ChatAnalyst — ask about China's AI and industrial economy. 'help' lists the commands; an empty line quits.");
            while (!cancellationToken.IsCancellationRequested)
            {
                Console.Write("> ");
                var line = Console.ReadLine()?.Trim();
                if (string.IsNullOrEmpty(line) || line is "exit" or "quit")
                {
                    break;
                }

                if (line.TrimStart('/').ToLowerInvariant() is "help" or "?" or "帮助")
                {
                    Console.WriteLine(ChatHelp);
                    continue;
                }

                if (line == "reset")
                {
                    history.Clear();
                    Console.WriteLine("History cleared.");
                    continue;
                }

                var answer = await orchestrator.AnswerAsync(history, line, cancellationToken);
                AnswerPrinter.Print(answer, parse.GetValue(json), Console.Out);
                if (traces.Enabled)
                {
                    ReaderExplanation.Print(traces.Drain(), host.Services.GetRequiredService<ReaderModel>(), Console.Error);
                }

                Console.WriteLine();
                history.Add(new ChatTurn(ChatTurn.User, line));
                history.Add(new ChatTurn(ChatTurn.Assistant, answer.Text));
            }

            return 0;
        });
        return command;
    }
}
