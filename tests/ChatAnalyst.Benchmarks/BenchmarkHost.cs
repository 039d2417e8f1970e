using ChatAnalyst.Cli;
using Microsoft.Extensions.Hosting;

namespace ChatAnalyst.Benchmarks;

/// <summary>
/// The CLI's host (the bot's services, no second wiring) over the sample knowledge base, with the index in a temp
/// file kept between runs: ingestion is incremental, so only the first run embeds the articles.
/// </summary>
internal static class BenchmarkHost
{
    public static string Database { get; } = Path.Combine(Path.GetTempPath(), "chatanalyst-benchmarks", "knowledge.db");

    /// <summary>Builds the host with <paramref name="settings"/> as configuration overrides ("Key=Value") and loads the knowledge base.</summary>
    public static async Task<IHost> StartAsync(IEnumerable<string> settings, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Database)!);
        var host = CliHost.Build(["--ChatAnalyst:Knowledge:Database=" + Database, .. settings.Select(s => "--" + s)]);
        await CliHost.EnsureKnowledgeAsync(host, cancellationToken);
        return host;
    }

    /// <summary>The answers evaluation file, copied beside the binaries or read from the repository.</summary>
    public static string AnswersFile()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "eval", "answers.jsonl");
        if (File.Exists(copied))
        {
            return copied;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "eval", "answers.jsonl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("tests/eval/answers.jsonl was not found beside the benchmarks or above them.");
    }
}
