using System.CommandLine;
using ChatAnalyst.Cli;
using ChatAnalyst.Cli.Commands;

var global = new GlobalOptions();
var root = new RootCommand("chatanalyst — grounded answers on China's AI and industrial economy, from the command line.")
{
    global.Set,
    global.Verbose,
};
root.Subcommands.Add(AskCommands.Ask(global));
root.Subcommands.Add(AskCommands.Chat(global));
root.Subcommands.Add(IngestCommands.Ingest(global));
root.Subcommands.Add(EvalCommands.Eval(global));
root.Subcommands.Add(FitCommands.Fit(global));
root.Subcommands.Add(IndicatorCommands.Indicators(global));
root.Subcommands.Add(IndicatorCommands.Chart(global));
root.Subcommands.Add(FeedbackCommands.Feedback(global));
root.Subcommands.Add(TeamsPackageCommands.TeamsPackage());
root.Subcommands.Add(BenchCommands.Bench(global));

var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
try
{
    return await root.Parse(args).InvokeAsync(configuration);
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    // Configuration errors name the key and the fix; one line each, not a stack trace.
    foreach (var failure in ex.Failures)
    {
        CliConsole.Failure(failure);
    }

    return 1;
}
catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
{
    // Expected failures (unreadable folder, bad argument) get one clear line, not a stack trace.
    CliConsole.Failure(ex.Message);
    return 1;
}
