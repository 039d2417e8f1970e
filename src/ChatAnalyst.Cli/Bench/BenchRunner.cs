using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using ChatAnalyst.Cli.Bench.Scale;
using ChatAnalyst.Cli.Bench.Sections;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace ChatAnalyst.Cli.Bench;

/// <summary>
/// Runs every section of the bench in one process (servers in processes of their own) and collects one table: the
/// floor and the offline turn's stages, the HTTP ceiling, LLM mode, then each corpus size. Everything it builds goes in
/// a work folder that is removed at the end.
/// </summary>
internal static class BenchRunner
{
    public static async Task<BenchTable> RunAsync(BenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        Directory.CreateDirectory(options.WorkFolder);
        var table = new BenchTable();
        var clock = Stopwatch.StartNew();
        void Step(string what) => progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,5:F0} s] {what}"));
        try
        {
            var sample = Path.Combine(options.WorkFolder, "sample.db");
            Step("building the sample knowledge base's index");
            string contentRoot;
            IReadOnlyList<string> questions;
            Latencies floor;
            using (var host = await BenchHost.StartAsync(sample, options, cancellationToken))
            {
                var environment = host.Get<IHostEnvironment>();
                contentRoot = environment.ContentRootPath;
                questions = BenchQuestions.Load(environment);
                Step("offline turn in process: floor and stages");
                var offline = new OfflineTurnSection(host, questions, options);
                await offline.RunAsync(table, cancellationToken);
                floor = offline.Floor;
            }

            Step("over HTTP: echo bot and ChatAnalyst, 1 and 8 conversations");
            var http = new HttpSection(contentRoot, sample, questions, options);
            await http.RunAsync(table, floor, cancellationToken);
            Step("LLM mode against the zero-latency fake model");
            await new LlmSection(sample, questions, options).RunAsync(table, cancellationToken);
            Step("scale: " + string.Join(", ", options.Sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture))) + " chunks");
            await new ScaleSection(contentRoot, sample, options, Step).RunAsync(table, http.ResidentMb, cancellationToken);
            Step("done");
            return table;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(options.WorkFolder, recursive: true);
            }
            catch (IOException)
            {
                progress.WriteLine("Could not remove " + options.WorkFolder);
            }
        }
    }

    /// <summary>What the figures were measured on: cores, memory, OS, runtime, build, and how busy the machine was.</summary>
    public static string Machine()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ').Take(3) : [];
        var optimised = typeof(BenchRunner).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, {memory:F0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(optimised ? "Release" : "Debug (figures not representative)")} build; load (1, 5, 15 min) before the run {string.Join(" ", load)}.");
    }
}
