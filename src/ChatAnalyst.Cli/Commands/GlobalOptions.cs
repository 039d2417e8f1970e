using System.CommandLine;
using Microsoft.Extensions.Hosting;

namespace ChatAnalyst.Cli.Commands;

/// <summary>Options every command takes: configuration overrides and verbosity.</summary>
public sealed class GlobalOptions
{
    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override a setting, e.g. --set ChatAnalyst:Ai:Provider=OpenAI (repeatable).",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Show informational logs.",
        Recursive = true,
    };

    public IHost BuildHost(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var overrides = (parse.GetValue(Set) ?? []).Select(s => "--" + s).ToArray();
        return CliHost.Build(overrides, parse.GetValue(Verbose));
    }
}
