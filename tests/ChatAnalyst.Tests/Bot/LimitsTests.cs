using System.Text.Json.Nodes;

namespace ChatAnalyst.Tests.Bot;

/// <summary>The bot host with small question limits: two questions per user and three per conversation in an hour.</summary>
public sealed class LimitedBotFixture : IAsyncLifetime
{
    public BotHostFixture Bot { get; } = new(
        "--ChatAnalyst:Limits:UserMessagesPerWindow=2",
        "--ChatAnalyst:Limits:ConversationMessagesPerWindow=3",
        "--ChatAnalyst:Limits:WindowSeconds=3600");

    public Task InitializeAsync() => Bot.InitializeAsync();

    public Task DisposeAsync() => Bot.DisposeAsync();
}

/// <summary>
/// Per-user and per-conversation question limits, over the real Bot Framework protocol: past the limit the user is
/// told, in chat, how long to wait; commands still work; other users and conversations are not held up.
/// </summary>
public sealed class LimitsTests(LimitedBotFixture fixture) : IClassFixture<LimitedBotFixture>
{
    private const string Question = "5G base stations at the end of 2024?";

    [Fact]
    public async Task A_user_over_the_limit_is_told_to_wait_and_others_are_still_answered()
    {
        var user = "user-" + Guid.NewGuid().ToString("N");

        var first = await AskAsync(user, "conv-" + Guid.NewGuid().ToString("N"));
        var second = await AskAsync(user, "conv-" + Guid.NewGuid().ToString("N"));
        var third = await AskAsync(user, "conv-" + Guid.NewGuid().ToString("N"));
        var help = await AskAsync(user, "conv-" + Guid.NewGuid().ToString("N"), "help");
        var someoneElse = await AskAsync("user-" + Guid.NewGuid().ToString("N"), "conv-" + Guid.NewGuid().ToString("N"));

        Assert.Contains("4.25 million", first, StringComparison.Ordinal);
        Assert.Contains("4.25 million", second, StringComparison.Ordinal);
        Assert.Contains("Please wait about", third, StringComparison.Ordinal);
        Assert.DoesNotContain("4.25 million", third, StringComparison.Ordinal);
        Assert.Contains("What I can answer", help, StringComparison.Ordinal);
        Assert.Contains("4.25 million", someoneElse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_over_its_limit_is_told_to_wait_whoever_asks()
    {
        var conversation = "conv-" + Guid.NewGuid().ToString("N");
        var replies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            replies.Add(await AskAsync("user-" + Guid.NewGuid().ToString("N"), conversation));
        }

        Assert.All(replies.Take(3), r => Assert.Contains("4.25 million", r, StringComparison.Ordinal));
        Assert.Contains("Please wait about", replies[3], StringComparison.Ordinal);
    }

    /// <summary>The text of every message the bot replied with.</summary>
    private async Task<string> AskAsync(string user, string conversation, string text = Question)
    {
        var activity = BotHostFixture.Message(text, conversation);
        activity["from"] = new JsonObject { ["id"] = user, ["name"] = "Analyst" };
        var (status, replies) = await fixture.Bot.SendAsync(activity);
        Assert.Equal(200, status);
        return string.Join("\n", replies.Where(r => (string?)r["type"] == "message").Select(r => (string?)r["text"]));
    }
}
