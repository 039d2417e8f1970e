using System.Text.Json.Nodes;
using ChatAnalyst.Knowledge.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAnalyst.Tests.Bot;

/// <summary>Teams' feedback invoke (<c>message/submitAction</c>) over the protocol: answered 200 and stored with the exact answer.</summary>
public sealed class FeedbackTests(BotHostFixture host) : IClassFixture<BotHostFixture>
{
    private IFeedbackStore Store => host.Services.GetRequiredService<IFeedbackStore>();

    private static JsonObject Invoke(string conversation, string? replyToId, JsonNode value)
    {
        var invoke = BotHostFixture.Message("", conversation);
        invoke["type"] = "invoke";
        invoke["name"] = "message/submitAction";
        invoke["replyToId"] = replyToId;
        invoke["value"] = value;
        return invoke;
    }

    /// <summary>The value Teams sends: the reaction and a JSON string holding the comment, under actionValue.</summary>
    private static JsonObject TeamsValue(string reaction, string comment) => new()
    {
        ["actionName"] = "feedback",
        ["actionValue"] = new JsonObject
        {
            ["reaction"] = reaction,
            ["feedback"] = new JsonObject { ["feedbackText"] = comment }.ToJsonString(),
        },
    };

    private async Task<FeedbackRecord> StoredAsync(string conversation) =>
        Assert.Single(await Store.ListFeedbackAsync(), f => f.ConversationId == conversation);

    [Fact]
    public async Task Feedback_is_answered_200_and_stored_with_the_question_answer_and_sources_it_is_about()
    {
        const string Question = "How big was China's core AI industry in 2025?";
        var conversation = "conv-" + Guid.NewGuid().ToString("N");
        var (_, replies) = await host.SendAsync(BotHostFixture.Message(Question, conversation));
        var answer = replies.Single(r => (string?)r["type"] == "message");
        var answerId = (string?)answer["id"];
        Assert.False(string.IsNullOrEmpty(answerId));

        var (status, _) = await host.PostAsync(Invoke(conversation, answerId, TeamsValue("dislike", "The figure is a year old.")));

        Assert.Equal(200, status);
        var stored = await StoredAsync(conversation);
        Assert.Equal(answerId, stored.ActivityId);
        Assert.Equal(FeedbackMatch.ReplyToId, stored.MatchedBy);
        Assert.Equal("dislike", stored.Reaction);
        Assert.Equal("The figure is a year old.", stored.Comment);
        Assert.Equal(Question, stored.Question);
        Assert.Equal((string?)answer["text"], stored.Answer);
        Assert.NotEmpty(stored.Sources);
        Assert.All(stored.Sources, s => Assert.StartsWith("http", s.Url, StringComparison.Ordinal));
        Assert.Equal(1, stored.Sources[0].Number);
        Assert.Equal("user-1", stored.UserId);
    }

    [Fact]
    public async Task Feedback_on_an_unknown_message_is_still_stored_with_what_it_says()
    {
        var conversation = "conv-" + Guid.NewGuid().ToString("N");

        var (status, _) = await host.PostAsync(Invoke(conversation, "no-such-message", TeamsValue("like", "")));

        Assert.Equal(200, status);
        var stored = await StoredAsync(conversation);
        Assert.Equal("like", stored.Reaction);
        Assert.Null(stored.Comment);
        Assert.Null(stored.Question);
        Assert.Equal("no-such-message", stored.ActivityId);
    }

    [Theory]
    [InlineData("plain words, not JSON", "plain words, not JSON")]
    [InlineData("{\"feedbackText\":\"nested\"}", "nested")]
    [InlineData("{broken", "{broken")]
    public async Task Reaction_and_comment_at_the_top_of_the_value_are_read_too(string feedback, string comment)
    {
        var conversation = "conv-" + Guid.NewGuid().ToString("N");
        var value = new JsonObject { ["actionName"] = "feedback", ["reaction"] = "like", ["feedback"] = feedback };

        var (status, _) = await host.PostAsync(Invoke(conversation, null, value));

        Assert.Equal(200, status);
        var stored = await StoredAsync(conversation);
        Assert.Equal(comment, stored.Comment);
        Assert.Equal(string.Empty, stored.ActivityId);
        Assert.Equal(FeedbackMatch.None, stored.MatchedBy);
    }

    [Fact]
    public async Task Feedback_naming_no_message_is_tied_to_the_conversations_latest_answer_and_says_so()
    {
        // The Agents Playground's feedback invoke carries no replyToId.
        const string Later = "What was high-tech manufacturing value added growth in 2024?";
        var conversation = "conv-" + Guid.NewGuid().ToString("N");
        await host.SendAsync(BotHostFixture.Message("How big was China's core AI industry in 2025?", conversation));
        var (_, replies) = await host.SendAsync(BotHostFixture.Message(Later, conversation));
        var latestId = (string?)replies.Single(r => (string?)r["type"] == "message")["id"];
        await host.SendAsync(BotHostFixture.Message("How big was China's core AI industry in 2025?", "conv-" + Guid.NewGuid().ToString("N")));

        var (status, _) = await host.PostAsync(Invoke(conversation, null, TeamsValue("like", "Clear.")));

        Assert.Equal(200, status);
        var stored = await StoredAsync(conversation);
        Assert.Equal(FeedbackMatch.LatestAnswer, stored.MatchedBy);
        Assert.Equal(latestId, stored.ActivityId);
        Assert.Equal(Later, stored.Question);
        Assert.Contains("%", stored.Answer, StringComparison.Ordinal);
        Assert.Equal("Clear.", stored.Comment);
    }
}
