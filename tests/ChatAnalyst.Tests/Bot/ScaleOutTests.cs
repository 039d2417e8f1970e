using System.Text.Json.Nodes;
using ChatAnalyst.Knowledge.Feedback;
using ChatAnalyst.Knowledge.Ingestion;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Tests.Knowledge;
using ChatAnalyst.Tests.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// Real bot hosts sharing state: two instances on one PostgreSQL database serve one conversation in turns, and a SQLite
/// host restarted on its file picks a conversation up where it was.
/// </summary>
public sealed class ScaleOutTests
{
    private const string First = "How big was China's core AI industry in 2025?";
    private const string Second = "Which grew faster Jan-Nov 2025, high-tech manufacturing or equipment manufacturing?";
    private const string Third = "And what about 2024?";

    [PostgresFact]
    public async Task Two_hosts_on_one_postgres_share_history_feedback_and_articles_ingested_through_either()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        string[] settings = ["--ChatAnalyst:Storage:Provider=Postgres", "--ConnectionStrings:ChatAnalyst=" + database.ConnectionString];
        var hostA = new BotHostFixture(settings);
        var hostB = new BotHostFixture(settings);
        try
        {
            // Both start at once, as two instances behind a load balancer would: their migrations race.
            await Task.WhenAll(hostA.InitializeAsync(), hostB.InitializeAsync());
            var conversation = "conv-" + Guid.NewGuid().ToString("N");

            var answerA = await AskAsync(hostA, First, conversation);
            var answerB = await AskAsync(hostB, Second, conversation);
            await AskAsync(hostA, Third, conversation);

            // Each host must have read the history the other wrote, or a turn would have dropped the earlier ones.
            var history = await BotHostFixture.HistoryAsync(hostB, conversation);
            Assert.Equal([First, Second, Third], history.Where(t => t.Role == ChatTurn.User).Select(t => t.Text));
            Assert.Equal(6, history.Count);

            // Feedback on each answer goes to the other host, which still ties it to the answer the first one sent.
            Assert.Equal(200, (await hostB.PostAsync(BotHostFixture.Feedback(conversation, answerA, "like"))).Status);
            Assert.Equal(200, (await hostA.PostAsync(BotHostFixture.Feedback(conversation, answerB, "dislike"))).Status);
            var stored = (await hostA.Services.GetRequiredService<IFeedbackStore>().ListFeedbackAsync())
                .Where(f => f.ConversationId == conversation).ToList();
            Assert.Equal(2, stored.Count);
            Assert.Equal(First, stored.Single(f => f.Reaction == "like").Question);
            Assert.Equal(Second, stored.Single(f => f.Reaction == "dislike").Question);

            // An article ingested through one host is answered from by the other: its in-memory vectors were reloaded
            // on the notification (a passage is only returned for a chunk in the searching host's memory).
            await IngestArticleAsync(hostA);
            var found = await WaitForPassageAsync(hostB, "zorblat output 2025");
            Assert.Equal("zorblat.md", found.DocumentId);
            var (status, replies) = await hostB.SendAsync(BotHostFixture.Message("What was zorblat output in 2025?", "conv-" + Guid.NewGuid().ToString("N")));
            Assert.Equal(200, status);
            Assert.Contains("123.4", string.Join("\n", replies.Select(r => r.ToJsonString())), StringComparison.Ordinal);
        }
        finally
        {
            await hostA.DisposeAsync();
            await hostB.DisposeAsync();
        }
    }

    private static async Task IngestArticleAsync(BotHostFixture host)
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatanalyst-scaleout-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "zorblat.md"), KnowledgeWorkspace.Markdown(
                "Zorblat output report", "Zorblat output reached 123.4 thousand units in 2025, up 9.9% on 2024.", published: "2026-01-15"));
            var summary = await host.Services.GetRequiredService<IIngestionService>().IngestAsync([folder], null, CancellationToken.None);
            Assert.Equal(1, summary.Added);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Passage> WaitForPassageAsync(BotHostFixture host, string query)
    {
        var search = host.Services.GetRequiredService<IKnowledgeSearch>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var passages = await search.SearchAsync(new SearchRequest(query, Top: 3));
            if (passages.FirstOrDefault(p => p.DocumentId == "zorblat.md") is { } passage)
            {
                return passage;
            }

            Assert.True(DateTime.UtcNow < deadline, "The other host did not find the article within 15 seconds.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_sqlite_host_restarted_on_the_same_file_keeps_the_conversation_history()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatanalyst-restart-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string[] settings = ["--ChatAnalyst:Knowledge:Database=" + Path.Combine(folder, "bot.db")];
        var conversation = "conv-" + Guid.NewGuid().ToString("N");
        try
        {
            var before = new BotHostFixture(settings);
            await before.InitializeAsync();
            try
            {
                await AskAsync(before, First, conversation);
            }
            finally
            {
                await before.DisposeAsync();
            }

            var after = new BotHostFixture(settings);
            await after.InitializeAsync();
            try
            {
                await AskAsync(after, Second, conversation);
                var history = await BotHostFixture.HistoryAsync(after, conversation);
                Assert.Equal([First, Second], history.Where(t => t.Role == ChatTurn.User).Select(t => t.Text));
            }
            finally
            {
                await after.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Asks a question and returns the id of the answer message.</summary>
    private static async Task<string> AskAsync(BotHostFixture host, string question, string conversation)
    {
        var (status, replies) = await host.SendAsync(BotHostFixture.Message(question, conversation));
        Assert.Equal(200, status);
        var id = (string?)replies.Single(r => (string?)r["type"] == "message")["id"];
        Assert.False(string.IsNullOrEmpty(id));
        return id!;
    }
}
