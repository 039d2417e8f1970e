using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ChatAnalyst.Bot;
using ChatAnalyst.Knowledge.Feedback;
using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Tests.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// PostgreSQL restarted mid-load: two bot hosts on one server serve several conversations; the server is restarted
/// (<c>CHATANALYST_TEST_POSTGRES_RESTART</c>, set by <c>.ci/postgres</c>) while turns are in flight. Every turn answered
/// before the restart is in the stored history afterwards; a turn caught by the outage gets a clean reply (HTTP 200
/// and <see cref="AdapterWithErrorHandler.DatabaseUnavailableReply"/>, never a 5xx or an exception's text) and keeps
/// the history; after the restart every turn is answered and feedback lands. Without the restart command the test
/// drops every other connection with <c>pg_terminate_backend</c> instead, so reconnects are still exercised.
/// </summary>
[Collection(PostgresRestartRunsAlone.Name)]
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    public const string RestartVariable = "CHATANALYST_TEST_POSTGRES_RESTART";

    private const int Conversations = 6;
    private const int TurnsBefore = 2;
    private const int TurnsAfter = 2;

    /// <summary>The most turns one conversation asks while the restart runs (bounds the run if it is slow).</summary>
    private const int MaxTurnsDuring = 10;

    private static readonly string[] Questions =
    [
        "How big was China's core AI industry in 2025?",
        "Which grew faster Jan-Nov 2025, high-tech manufacturing or equipment manufacturing?",
        "And what about 2024?",
    ];

    [PostgresFact]
    public async Task Conversations_on_two_hosts_continue_after_postgres_restarts_and_lose_no_acknowledged_turn()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        string[] settings =
        [
            "--ChatAnalyst:Storage:Provider=Postgres",
            "--ConnectionStrings:ChatAnalyst=" + database.ConnectionString,
            // Room for every turn of the test, so the history check is not confused by trimming.
            "--ChatAnalyst:Bot:HistoryTurns=40",
        ];
        var hosts = new[] { new BotHostFixture(settings), new BotHostFixture(settings) };
        try
        {
            await hosts[0].InitializeAsync();
            await hosts[1].InitializeAsync();
            var conversations = Enumerable.Range(0, Conversations)
                .Select(c => "pgrestart-" + c.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")).ToList();
            var turns = conversations.ToDictionary(c => c, _ => new List<Turn>(), StringComparer.Ordinal);

            // Before: every turn answered.
            await Task.WhenAll(conversations.Select(async (conversation, c) =>
            {
                for (var t = 0; t < TurnsBefore; t++)
                {
                    turns[conversation].Add(await AskAsync(hosts, conversation, c, turns[conversation].Count, "before"));
                }
            }));
            Assert.All(turns.Values.SelectMany(t => t), t => Assert.True(t.Answered, t.ToString()));

            // During: the conversations keep talking while the server restarts.
            var clock = Stopwatch.StartNew();
            var restart = Task.Run(RestartAsync);
            await Task.WhenAll(conversations.Select(async (conversation, c) =>
            {
                for (var t = 0; t < MaxTurnsDuring && (t == 0 || !restart.IsCompleted); t++)
                {
                    turns[conversation].Add(await AskAsync(hosts, conversation, c, turns[conversation].Count, "during"));
                    await Task.Delay(TimeSpan.FromMilliseconds(250));
                }
            }));
            var how = await restart;
            var restartTime = clock.Elapsed;

            // After: every turn answered, on both hosts.
            await Task.WhenAll(conversations.Select(async (conversation, c) =>
            {
                for (var t = 0; t < TurnsAfter; t++)
                {
                    turns[conversation].Add(await AskAsync(hosts, conversation, c, turns[conversation].Count, "after"));
                }
            }));

            var all = turns.Values.SelectMany(t => t).ToList();
            var during = all.Where(t => t.Phase == "during").ToList();
            output.WriteLine(
                $"{how} in {restartTime.TotalSeconds:0.0} s; {all.Count} turns: {during.Count} during the restart, of which " +
                $"{during.Count(t => !t.Answered)} got the 'database unavailable' reply; {all.Count(t => t.Phase == "after" && !t.Answered)} failed after it");
            foreach (var failed in all.Where(t => !t.Answered))
            {
                output.WriteLine("  not answered: " + failed);
            }

            // A turn the outage caught fails cleanly: 200 with the friendly reply, no 5xx, no exception text.
            Assert.All(all.Where(t => !t.Answered), t =>
            {
                Assert.Equal("during", t.Phase);
                Assert.Equal(200, t.Status);
                Assert.Contains(AdapterWithErrorHandler.DatabaseUnavailableReply, t.Body, StringComparison.Ordinal);
                Assert.DoesNotContain("Exception", t.Body, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", t.Body, StringComparison.Ordinal);
            });
            Assert.All(all.Where(t => t.Phase == "after"), t => Assert.True(t.Answered, t.ToString()));

            // Nothing acknowledged is lost: each conversation's answered questions are in its stored history, in order.
            foreach (var conversation in conversations)
            {
                var stored = (await BotHostFixture.HistoryAsync(hosts[0], conversation)).Where(h => h.Role == ChatTurn.User).Select(h => h.Text).ToList();
                var acknowledged = turns[conversation].Where(t => t.Answered).Select(t => t.Question).ToList();
                Assert.True(IsSubsequence(acknowledged, stored), $"{conversation}: answered [{string.Join(" | ", acknowledged)}] but stored [{string.Join(" | ", stored)}]");
            }

            // Feedback given after the restart lands, on the other host than the one that answered, tied to its answer.
            await Task.WhenAll(conversations.Select(async (conversation, c) =>
            {
                var last = turns[conversation][^1];
                var other = hosts[(last.Index + 1) % hosts.Length];
                Assert.Equal(200, (await other.PostAsync(BotHostFixture.Feedback(conversation, last.AnswerId!, "like"))).Status);
            }));
            var feedback = (await hosts[0].Services.GetRequiredService<IFeedbackStore>().ListFeedbackAsync())
                .Where(f => turns.ContainsKey(f.ConversationId)).ToList();
            Assert.Equal(Conversations, feedback.Count);
            Assert.All(feedback, f => Assert.Equal(turns[f.ConversationId][^1].Question, f.Question));

            // The outage is logged in one line each, never with a stack trace.
            var traced = hosts.SelectMany(h => h.Logs.Entries)
                .Where(e => e.Category.StartsWith("ChatAnalyst", StringComparison.Ordinal) && e.Exception is not null && PostgresFaults.IsUnavailable(e.Exception))
                .ToList();
            Assert.True(traced.Count == 0, "Logged with a stack trace: " + string.Join("\n", traced));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>Restarts the server with the command <c>.ci/postgres</c> exports, or drops every other connection.</summary>
    private async Task<string> RestartAsync()
    {
        if (Environment.GetEnvironmentVariable(RestartVariable) is { Length: > 0 } command)
        {
            using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var error = process.StandardError.ReadToEndAsync(limit.Token);
            await process.WaitForExitAsync(limit.Token);
            Assert.True(process.ExitCode == 0, $"The restart command failed ({process.ExitCode}): {await error}");
            return "PostgreSQL restarted";
        }

        output.WriteLine($"{RestartVariable} is not set: dropping every other connection with pg_terminate_backend instead of restarting the server.");
        var admin = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'", connection);
        var dropped = Convert.ToInt64(await terminate.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return $"{dropped} connections dropped";
    }

    /// <summary>Asks conversation c's next question, turn i on host i mod 2, and records what came back.</summary>
    private static async Task<Turn> AskAsync(BotHostFixture[] hosts, string conversation, int c, int index, string phase)
    {
        var question = Questions[(c + index) % Questions.Length];
        var (status, replies) = await hosts[index % hosts.Length].SendAsync(BotHostFixture.Message(question, conversation));
        var body = string.Join("\n", replies.Select(r => (string?)r["text"] ?? r.ToJsonString()));
        var messages = replies.Where(r => (string?)r["type"] == "message").ToList();
        var failed = messages.Any(m => ((string?)m["text"])?.Contains(AdapterWithErrorHandler.DatabaseUnavailableReply, StringComparison.Ordinal) == true
            || ((string?)m["text"])?.StartsWith("Sorry, something went wrong", StringComparison.Ordinal) == true);
        var answered = status == 200 && messages.Count == 1 && !failed;
        return new Turn(phase, index, question, status, answered, answered ? (string?)messages[0]["id"] : null, body);
    }

    private static bool IsSubsequence(List<string> wanted, List<string> stored)
    {
        var at = 0;
        foreach (var text in stored)
        {
            if (at < wanted.Count && wanted[at] == text)
            {
                at++;
            }
        }

        return at == wanted.Count;
    }


    private sealed record Turn(string Phase, int Index, string Question, int Status, bool Answered, string? AnswerId, string Body)
    {
        public override string ToString() => $"{Phase} turn {Index}: {Status}, {(Body.Length > 200 ? Body[..200] : Body)}";
    }
}

/// <summary>
/// The restart test stops the one PostgreSQL server every PostgreSQL test uses, so it runs alone: no other test class
/// runs beside it (xunit runs a non-parallel collection after the parallel ones).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresRestartRunsAlone
{
    public const string Name = "PostgreSQL restart";
}
