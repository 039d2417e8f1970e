using Spectre.Console;

namespace ChatAnalyst.Cli;

/// <summary>
/// Where the CLI writes. Standard output carries results only (answers, tables, JSON), so a script can pipe them;
/// progress, warnings, errors and logs go to standard error.
/// </summary>
public static class CliConsole
{
    /// <summary>Results: answers, tables, JSON.</summary>
    public static IAnsiConsole Out => AnsiConsole.Console;

    /// <summary>Progress bars and other output meant for the person at the terminal, not for a pipe.</summary>
    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>Prints <c>error: message</c> on standard error.</summary>
    public static void Failure(string message) => Labelled("[red]error:[/] ", message);

    /// <summary>Prints <c>warning: message</c> on standard error.</summary>
    public static void Warning(string message) => Labelled("[yellow]warning:[/] ", message);

    /// <summary>
    /// The label is coloured; the message is written as it is, because Spectre would hard-wrap it at the console width
    /// (80 columns when redirected) and split a long path in two.
    /// </summary>
    private static void Labelled(string label, string message)
    {
        Error.Markup(label);
        Console.Error.WriteLine(message);
    }
}
