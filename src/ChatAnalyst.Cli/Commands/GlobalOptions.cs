using System.CommandLine;
using Microsoft.Extensions.Hosting;

namespace ChatAnalyst.Cli.Commands;

/// <summary>Options every command takes: configuration overrides and verbosity.</summary>
public sealed class GlobalOptions
{
    public GlobalOptions()
    {
        // A token without '=' would reach the configuration as a bare switch and be ignored without a word.
        Set.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.IndexOf('=', StringComparison.Ordinal) <= 0))
            {
                result.AddError($"--set expects Key=Value, e.g. --set ChatAnalyst:Ai:Provider=OpenAI; '{token.Value}' has no '='.");
            }
        });
    }

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override a setting, e.g. --set ChatAnalyst:Ai:Provider=OpenAI (repeatable).",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Show informational logs (on standard error).",
        Recursive = true,
    };

    public IHost BuildHost(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var overrides = (parse.GetValue(Set) ?? []).Select(s => "--" + s).ToArray();
        return CliHost.Build(overrides, parse.GetValue(Verbose));
    }
}
