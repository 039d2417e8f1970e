using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ChatAnalyst.Tests.Storage;
using Xunit.Abstractions;

namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// A bounded load test over loopback: 50 conversations talk at once, 20 turns each, to the real bot hosts posting
/// their replies to a <see cref="FakeTeamsChannel"/> as Teams would receive them. Nothing may be lost or cross over:
/// every message gets its reply, in its own conversation, and no request fails. The latencies are printed, not asserted
/// (timing goals live in the benchmarks); the run is bounded by a fixed count and a time limit.
/// </summary>
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Conversations = 50;
    private const int Turns = 20;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(3);

    // Short questions the offline answerer handles from the sample knowledge base: a figure, a comparison, a follow-up.
    private static readonly string[] Questions =
    [
        "How big was China's core AI industry in 2025?",
        "Which grew faster Jan-Nov 2025, high-tech manufacturing or equipment manufacturing?",
        "And what about 2024?",
    ];

    [Fact]
    public async Task Fifty_conversations_of_twenty_turns_on_one_host_lose_no_reply()
    {
        var host = new BotHostFixture();
        await host.InitializeAsync();
        try
        {
            await RunAsync("one host (SQLite)", [host]);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task Fifty_conversations_of_twenty_turns_alternating_between_two_hosts_on_one_postgres_lose_no_reply()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        string[] settings = ["--ChatAnalyst:Storage:Provider=Postgres", "--ConnectionStrings:ChatAnalyst=" + database.ConnectionString];
        var hostA = new BotHostFixture(settings);
        var hostB = new BotHostFixture(settings);
        try
        {
            // One after the other: the second finds the articles indexed and embeds nothing (racing starts are the
            // scale-out test's subject, not this one's).
            await hostA.InitializeAsync();
            await hostB.InitializeAsync();
            await RunAsync("two hosts (PostgreSQL)", [hostA, hostB]);
        }
        finally
        {
            await hostA.DisposeAsync();
            await hostB.DisposeAsync();
        }
    }

    /// <summary>Runs the conversations, turn i of each on host i mod n, then checks every reply against what was sent.</summary>
    private async Task RunAsync(string label, IReadOnlyList<BotHostFixture> hosts)
    {
        await using var channel = await FakeTeamsChannel.StartAsync();
        using var limit = new CancellationTokenSource(TimeLimit);
        var sent = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var statuses = new ConcurrentBag<int>();
        var latencies = new ConcurrentBag<double>();
        var conversations = Enumerable.Range(0, Conversations).Select(c => "load-" + c.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")).ToList();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(conversations.Select(async (conversation, c) =>
        {
            for (var turn = 0; turn < Turns && !limit.IsCancellationRequested; turn++)
            {
                var message = BotHostFixture.Message(Questions[(c + turn) % Questions.Length], conversation);
                message["serviceUrl"] = channel.ServiceUrl.ToString();
                sent[(string)message["id"]!] = conversation;
                var started = Stopwatch.GetTimestamp();
                var (status, _) = await hosts[turn % hosts.Count].PostAsync(message);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                statuses.Add(status);
            }
        }));
        clock.Stop();

        var received = conversations.SelectMany(channel.For).Where(r => r.Type == "message").ToList();
        var answered = received.Select(r => (string?)r.Activity["replyToId"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var lost = sent.Keys.Count(id => !answered.Contains(id));
        var misrouted = received.Count(r => !sent.TryGetValue((string?)r.Activity["replyToId"] ?? string.Empty, out var owner)
            || owner != (string?)r.Activity["conversation"]?["id"]);
        var sorted = latencies.Order().ToList();
        output.WriteLine(
            $"{label}: {sent.Count} turns in {clock.Elapsed.TotalSeconds:0.0} s, p50 {Percentile(sorted, 0.50):0} ms, p95 {Percentile(sorted, 0.95):0} ms per turn; " +
            $"{lost} lost, {misrouted} in the wrong conversation, {statuses.Count(s => s >= 500)} 5xx");

        Assert.False(limit.IsCancellationRequested, $"The run did not finish within {TimeLimit.TotalMinutes} minutes.");
        Assert.Equal(Conversations * Turns, sent.Count);
        Assert.All(statuses, s => Assert.Equal(200, s));
        Assert.Equal(0, lost);
        Assert.Equal(0, misrouted);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
