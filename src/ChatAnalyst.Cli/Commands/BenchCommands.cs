using System.CommandLine;
using System.Globalization;
using ChatAnalyst.Cli.Bench;

namespace ChatAnalyst.Cli.Commands;

/// <summary><c>bench</c>: every cost of a turn beside its floor and its budget, in one table from one run.</summary>
public static class BenchCommands
{
    public static Command Bench(GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var quick = new Option<bool>("--quick") { Description = "A short run: corpora of 1,000 and 10,000 chunks, fewer samples." };
        var sizes = new Option<string?>("--sizes") { Description = "Corpus sizes in chunks, comma-separated (default 1000,10000,100000; --quick 1000,10000)." };
        var samples = new Option<int?>("--samples") { Description = "Samples behind each latency figure (default 300; --quick 60)." };
        var warmup = new Option<int?>("--warmup") { Description = "Untimed repetitions before each figure (default 100; --quick 40)." };
        var processWarmup = new Option<int?>("--process-warmup") { Description = "Untimed turns a freshly started server answers before its warm HTTP figures (default 600; --quick 200)." };
        var command = new Command("bench", "Measure a turn's cost beside its floor and budgets: HTTP ceiling, stages, scale to 100k chunks, LLM mode, memory.")
        {
            quick, sizes, samples, warmup, processWarmup,
        };
        command.Subcommands.Add(EchoBotCommand());
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = parse.GetValue(quick) ? BenchOptions.Quick : new BenchOptions();
            options = options with
            {
                Sizes = ParseSizes(parse.GetValue(sizes)) ?? options.Sizes,
                Samples = parse.GetValue(samples) ?? options.Samples,
                Warmup = parse.GetValue(warmup) ?? options.Warmup,
                ProcessWarmup = parse.GetValue(processWarmup) ?? options.ProcessWarmup,
                Settings = parse.GetValue(global.Set) ?? [],
            };
            var machine = BenchRunner.Machine();
            var table = await BenchRunner.RunAsync(options, Console.Error, cancellationToken);
            table.Write(Console.Out, machine);
            return 0;
        });
        return command;
    }

    /// <summary>The ceiling's echo bot; the bench starts it as a process of its own.</summary>
    private static Command EchoBotCommand()
    {
        var command = new Command("echo-bot", "The bench's echo bot (started by bench).") { Hidden = true, TreatUnmatchedTokensAsErrors = false };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await ChatAnalyst.Cli.Bench.Http.EchoBot.RunAsync([.. parse.UnmatchedTokens], cancellationToken);
            return 0;
        });
        return command;
    }

    private static int[]? ParseSizes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var sizes = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"--sizes expects positive whole numbers separated by commas, e.g. 1000,10000; '{s}' is not one."))
            .ToArray();
        return sizes;
    }
}
