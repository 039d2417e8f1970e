using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatAnalyst.Tests.Cli;

/// <summary>The CLI's commands run as a program from a directory outside the repository, as a user or a script runs them.</summary>
public sealed partial class CliCommandTests(CliWorkspace cli) : IClassFixture<CliWorkspace>
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

    [Fact]
    public async Task A_set_without_an_equals_sign_is_an_error_not_ignored()
    {
        var result = await cli.RunAsync("indicators", "list", "--set", "ChatAnalyst:Ai:Provider");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("--set expects Key=Value", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'ChatAnalyst:Ai:Provider' has no '='", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ChatAnalyst:Ai:Provider=Foo", "ChatAnalyst:Ai:Provider is 'Foo'; use one of: Offline, OpenAI, AzureOpenAI, OpenAICompatible.")]
    [InlineData("ChatAnalyst:Knowledge:Fusion=best", "ChatAnalyst:Knowledge:Fusion is 'best'; use one of: Rrf, Weighted.")]
    public async Task An_enum_setting_with_a_bad_value_lists_the_valid_values(string setting, string message)
    {
        var result = await cli.RunAsync("ask", "How big was China's core AI industry in 2025?", "--set", setting);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("error: " + message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_finds_its_default_evaluation_file_from_a_directory_outside_the_repository()
    {
        var result = await cli.RunAsync("eval", "retrieval");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"\d+ queries", result.Stdout);
        Assert.Contains("recall@1", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chart_without_out_writes_chart_png_in_the_current_directory_and_prints_its_whole_path()
    {
        // A deep working directory: the printed path is longer than an 80-column line and must not be wrapped.
        var folder = Path.Combine("a-working-directory-with-a-long-name", "and-another-level-below-it-for-good-measure");

        var result = await cli.RunInAsync(folder, "chart", "high-tech-manufacturing-value-added-growth");

        var written = Path.Combine(cli.Folder, folder, "chart.png");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Wrote " + written + " (", result.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(written));
    }

    [Fact]
    public async Task Chart_of_an_unknown_id_points_to_the_indicators_list_command()
    {
        var result = await cli.RunAsync("chart", "no-such-series");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no series 'no-such-series'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'chatanalyst indicators list' shows every id", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("find_indicators", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indicators_list_fits_80_columns_with_every_id_whole_on_a_line_of_its_own()
    {
        var ids = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "knowledge", "indicators", "series.csv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line[..line.IndexOf(',', StringComparison.Ordinal)])
            .ToList();

        var result = await cli.RunAsync("indicators", "list");

        var lines = result.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.All(ids, id => Assert.Contains(id, lines));
    }

    [Fact]
    public async Task Help_inside_chat_lists_the_commands_instead_of_asking_the_knowledge_base()
    {
        var result = await cli.RunWithInputAsync("help\n\n", "chat");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(CommandLine("help"), result.Stdout);
        Assert.Matches(CommandLine("reset"), result.Stdout);
        Assert.Matches(CommandLine("exit"), result.Stdout);
        Assert.DoesNotContain("doesn't cover", result.Stdout, StringComparison.Ordinal);
    }

    private static Regex CommandLine(string command) => new($@"(?m)^[ \t]+{command}\b");
}
