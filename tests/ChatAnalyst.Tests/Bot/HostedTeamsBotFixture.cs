using System.Text.Json.Nodes;
using ChatAnalyst.Tests.Orchestration;

namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// The real bot host answering with a hosted model (a <see cref="FakeOpenAiServer"/>) and replying to a
/// <see cref="FakeTeamsChannel"/>: the whole path of a streamed Teams answer over real HTTP, nothing of ours replaced.
/// </summary>
public sealed class HostedTeamsBotFixture : IAsyncLifetime
{
    public FakeOpenAiServer Model { get; private set; } = null!;

    public FakeTeamsChannel Channel { get; private set; } = null!;

    public BotHostFixture Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = await FakeOpenAiServer.StartAsync();
        Channel = await FakeTeamsChannel.StartAsync();
        Bot = new BotHostFixture(
            "--ChatAnalyst:Ai:Provider=OpenAICompatible",
            "--ChatAnalyst:Ai:Endpoint=" + Model.Endpoint,
            "--ChatAnalyst:Ai:Model=fake-model",
            "--ChatAnalyst:Ai:TimeoutSeconds=10",
            "--ChatAnalyst:Ai:MaxRetries=0",
            // The scripted answers stream word by word for several seconds; on a busy CI machine the default 10 s turn
            // deadline would cut them short, which is the deadline's test, not these.
            "--ChatAnalyst:Limits:TurnDeadlineSeconds=13");
        await Bot.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Channel.DisposeAsync();
        await Model.DisposeAsync();
    }

    /// <summary>
    /// Sends a Teams message as the channel does (no expectReplies: the bot's replies go to the fake channel) and
    /// returns what the channel received for that conversation once the turn is over.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedActivity>> AskAsync(string text, string conversationType = "personal")
    {
        var conversation = "conv-" + Guid.NewGuid().ToString("N");
        var message = BotHostFixture.Message(text, conversation, conversationType);
        message["serviceUrl"] = Channel.ServiceUrl.ToString();
        if (conversationType != "personal")
        {
            message["text"] = "<at>ChatAnalyst</at> " + text;
            message["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = "<at>ChatAnalyst</at>",
                ["mentioned"] = new JsonObject { ["id"] = "bot-1", ["name"] = "ChatAnalyst" },
            });
        }

        var (status, body) = await Bot.PostAsync(message);
        Assert.True(status == 200, $"HTTP {status}: {body}");
        return Channel.For(conversation);
    }
}
