using System.Text.Json;

namespace ChatAnalyst.Tests.Cli;

/// <summary>The CLI's commands run as a program from a directory outside the repository, as a user or a script runs them.</summary>
public sealed class CliCommandTests(CliWorkspace cli) : IClassFixture<CliWorkspace>
{
    [Fact]
    public async Task Ask_json_prints_only_json_on_standard_output_even_with_logs_on()
    {
        var result = await cli.RunAsync("ask", "How big was China's core AI industry in 2025?", "--json", "--verbose");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Contains("trillion", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("Knowledge base ready", result.Stderr, StringComparison.Ordinal);
    }
}
