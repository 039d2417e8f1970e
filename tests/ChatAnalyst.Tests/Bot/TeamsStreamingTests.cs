using ChatAnalyst.Bot.Bots;
using ChatAnalyst.Tests.Orchestration;

namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// Streaming in Teams personal chats with a hosted model: informative update, guard-checked text at most once a second,
/// the final message with citations and feedback; one normal reply elsewhere and when the channel refuses the stream.
/// </summary>
public sealed class TeamsStreamingTests(HostedTeamsBotFixture teams) : IClassFixture<HostedTeamsBotFixture>
{
    private const string Question = "How many 5G base stations does China have?";
    private const string Search = "KnowledgeBase-search_articles";

    /// <summary>Three sentences, each grounded in the cited article: two can stream before the last one ends.</summary>
    private const string Grounded =
        "China had 4.25 million 5G base stations, per MIIT data released in January 2025 [1]. "
        + "The number of gigabit broadband users was above 200 million [1]. "
        + "More than 4,000 5G factories had been built nationwide [1].";

    private void ScriptAnswer(string text, TimeSpan wordDelay, params string[] retries)
    {
        teams.Model.Enqueue(FakeOpenAiReply.Tools((Search, new { query = "5G base stations" })), FakeOpenAiReply.Text(text) with { ChunkDelay = wordDelay });
        teams.Model.Enqueue(retries.Select(FakeOpenAiReply.Text).ToArray());
    }

    [Fact]
    public async Task Personal_chat_streams_an_informative_update_then_checked_text_then_the_final_message()
    {
        teams.Channel.Refuse = _ => null;
        ScriptAnswer(Grounded, TimeSpan.FromMilliseconds(150));

        var received = await teams.AskAsync(Question);

        var typing = received.Where(r => r.Type == "typing").ToList();
        var informative = typing[0];
        Assert.Equal("informative", (string?)informative.StreamInfo?["streamType"]);
        Assert.Equal(1, (int?)informative.StreamInfo?["streamSequence"]);
        Assert.Equal(TeamsAnswerStreamer.Informative, informative.Text);
        var streamId = informative.Id;

        var updates = typing.Skip(1).ToList();
        Assert.True(updates.Count >= 2, $"{updates.Count} streaming updates");
        Assert.All(updates, u => Assert.Equal("streaming", (string?)u.StreamInfo?["streamType"]));
        Assert.All(updates, u => Assert.Equal(streamId, (string?)u.StreamInfo?["streamId"]));
        Assert.Equal(Enumerable.Range(2, updates.Count), updates.Select(u => (int)u.StreamInfo!["streamSequence"]!));
        for (var i = 1; i < typing.Count; i++)
        {
            Assert.True(typing[i].At - typing[i - 1].At >= TimeSpan.FromSeconds(1), $"update {i} came {(typing[i].At - typing[i - 1].At).TotalMilliseconds} ms after the one before");
        }

        var final = Assert.Single(received, r => r.Type == "message");
        Assert.Equal("final", (string?)final.StreamInfo?["streamType"]);
        Assert.Equal(streamId, (string?)final.StreamInfo?["streamId"]);
        Assert.Null(final.StreamInfo?["streamSequence"]);
        Assert.Equal(Grounded, final.Text);
        Assert.Equal("default", (string?)final.Activity["channelData"]?["feedbackLoop"]?["type"]);
        Assert.Single(final.Activity["entities"]!.AsArray(), e => (string?)e!["type"] == "https://schema.org/Message");

        // Cumulative: each update extends the one before, and all of it is the start of the final, guarded answer.
        var texts = updates.Select(u => u.Text!).ToList();
        Assert.All(texts.Zip(texts.Skip(1)), pair => Assert.StartsWith(pair.First, pair.Second, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.StartsWith(t, Grounded, StringComparison.Ordinal));
        Assert.Same(final, received[^1]);
    }

    [Fact]
    public async Task Text_the_grounding_guard_rejects_is_never_streamed()
    {
        teams.Channel.Refuse = _ => null;
        const string Invented = "China had 9.99 million 5G base stations [1]. That is a large network for a country of its size [1]. It grew fast.";
        ScriptAnswer(Invented, TimeSpan.FromMilliseconds(60), "They had 9.99 million base stations [1].");

        var received = await teams.AskAsync(Question);

        Assert.DoesNotContain(received, r => r.Text?.Contains("9.99", StringComparison.Ordinal) == true);
        Assert.Contains(received, r => r.Type == "typing" && (string?)r.StreamInfo?["streamType"] == "informative");
        var final = Assert.Single(received, r => r.Type == "message");
        Assert.Contains("4.25 million", final.Text, StringComparison.Ordinal);
        Assert.Equal("final", (string?)final.StreamInfo?["streamType"]);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(403)]
    public async Task A_refused_stream_update_ends_the_stream_and_the_answer_goes_out_as_a_normal_reply(int status)
    {
        teams.Channel.Refuse = activity => (string?)activity["entities"]?[0]?["streamType"] == "streaming" ? status : null;
        ScriptAnswer(Grounded, TimeSpan.FromMilliseconds(150));

        var received = await teams.AskAsync(Question);

        var refused = Assert.Single(received, r => r.Status == status);
        Assert.Equal("typing", refused.Type);
        Assert.DoesNotContain(received.SkipWhile(r => r != refused).Skip(1), r => r.Type == "typing");
        var reply = Assert.Single(received, r => r.Type == "message");
        Assert.Null(reply.StreamInfo);
        Assert.Null(reply.Activity["channelData"]?["streamId"]);
        Assert.Equal(Grounded, reply.Text);
        Assert.Single(reply.Activity["entities"]!.AsArray(), e => (string?)e!["type"] == "https://schema.org/Message");
    }

    [Theory]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task Group_chats_and_channels_get_one_normal_reply(string conversationType)
    {
        teams.Channel.Refuse = _ => null;
        ScriptAnswer(Grounded, TimeSpan.Zero);

        var received = await teams.AskAsync(Question, conversationType);

        Assert.All(received, r => Assert.Null(r.StreamInfo));
        var reply = Assert.Single(received, r => r.Type == "message");
        Assert.Equal(Grounded, reply.Text);
        Assert.Null(reply.Activity["suggestedActions"]);
    }
}
