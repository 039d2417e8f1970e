using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// How an answer looks over the protocol: in Teams the schema.org Message entity with citations and the AI label,
/// elsewhere the Sources list; the feedback loop on every answer; follow-ups on the answer itself, in personal chats only.
/// </summary>
public sealed partial class TeamsAnswerTests(BotHostFixture host) : IClassFixture<BotHostFixture>
{
    private const string FigureQuestion = "What was high-tech manufacturing value added growth in 2024?";

    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");

    private async Task<List<JsonObject>> MessagesAsync(JsonObject activity)
    {
        var (status, replies) = await host.SendAsync(activity);
        Assert.Equal(200, status);
        return replies.Where(r => (string?)r["type"] == "message").ToList();
    }

    private static JsonObject Emulator(string text)
    {
        var message = BotHostFixture.Message(text, NewConversation());
        message["channelId"] = "emulator";
        message["conversation"] = new JsonObject { ["id"] = (string?)message["conversation"]!["id"] };
        return message;
    }

    [Theory]
    [InlineData("How big was China's core AI industry in 2025?")]
    [InlineData("Which grew faster Jan–Nov 2025, high-tech manufacturing or equipment manufacturing?")]
    [InlineData(FigureQuestion)]
    public async Task Teams_answer_has_one_message_entity_with_the_ai_label_and_a_claim_per_marker(string question)
    {
        var answer = Assert.Single(await MessagesAsync(BotHostFixture.Message(question, NewConversation())));

        var text = (string)answer["text"]!;
        var root = Assert.Single(answer["entities"]!.AsArray(), e => (string?)e!["type"] == "https://schema.org/Message")!;
        Assert.Equal("Message", (string?)root["@type"]);
        Assert.Equal("https://schema.org", (string?)root["@context"]);
        Assert.Equal(["AIGeneratedContent"], root["additionalType"]!.AsArray().Select(a => (string?)a));

        var claims = root["citation"]!.AsArray().Select(c => c!.AsObject()).ToList();
        var markers = Marker().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order();
        Assert.NotEmpty(claims);
        Assert.True(claims.Count <= 20);
        Assert.Equal(markers, claims.Select(c => (int)c["position"]!).Order());
        Assert.All(claims, claim =>
        {
            Assert.Equal("Claim", (string?)claim["@type"]);
            var document = claim["appearance"]!;
            Assert.Equal("DigitalDocument", (string?)document["@type"]);
            Assert.InRange(((string?)document["name"])!.Length, 1, 80);
            Assert.InRange(((string?)document["abstract"])!.Length, 1, 160);
            Assert.StartsWith("http", (string?)document["url"], StringComparison.Ordinal);
            Assert.True((document["keywords"]?.AsArray().Count ?? 0) <= 3);
        });
        Assert.DoesNotContain("**Sources**", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_answer_ends_with_the_numbered_linked_sources_and_has_no_teams_entity()
    {
        var answer = Assert.Single(await MessagesAsync(Emulator("How big was China's core AI industry in 2025?")));

        var text = (string)answer["text"]!;
        Assert.Contains("**Sources**", text, StringComparison.Ordinal);
        Assert.Matches(@"\n\[1\] \[[^\]]+\]\(https?://", text);
        Assert.DoesNotContain(answer["entities"]?.AsArray() ?? [], e => (string?)e!["type"] == "https://schema.org/Message");
    }

    [Theory]
    [InlineData("msteams", "How big was China's core AI industry in 2025?")]
    [InlineData("msteams", "What was the price of tea in Paris in 1850?")]
    [InlineData("emulator", "How big was China's core AI industry in 2025?")]
    public async Task Every_answer_turns_on_the_feedback_loop(string channel, string question)
    {
        var message = channel == "emulator" ? Emulator(question) : BotHostFixture.Message(question, NewConversation());

        var answer = Assert.Single(await MessagesAsync(message));

        Assert.Equal("default", (string?)answer["channelData"]?["feedbackLoop"]?["type"]);
        Assert.True((bool?)answer["channelData"]?["feedbackLoopEnabled"]);
    }

    [Fact]
    public async Task Follow_ups_ride_on_the_answer_itself_short_and_new()
    {
        var messages = await MessagesAsync(BotHostFixture.Message(FigureQuestion, NewConversation()));

        // One message: the answer carries its follow-ups; no second message holding only a heading.
        var answer = Assert.Single(messages);
        var actions = answer["suggestedActions"]!["actions"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.InRange(actions.Count, 1, FollowUpSuggestions.MaxCount);
        Assert.All(actions, a =>
        {
            Assert.Equal("imBack", (string?)a["type"]);
            Assert.InRange(((string?)a["title"])!.Length, 1, FollowUpSuggestions.MaxLength);
            Assert.Equal((string?)a["value"], (string?)a["title"]);
            Assert.NotEqual(FollowUpSuggestions.Normalize(FigureQuestion), FollowUpSuggestions.Normalize((string)a["value"]!));
        });
        Assert.Equal(actions.Count, actions.Select(a => (string?)a["value"]).Distinct().Count());
    }

    [Theory]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task In_group_chats_and_channels_the_answer_has_no_suggested_actions(string conversationType)
    {
        var message = BotHostFixture.Message("<at>ChatAnalyst</at> " + FigureQuestion, NewConversation(), conversationType);
        message["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>ChatAnalyst</at>",
            ["mentioned"] = new JsonObject { ["id"] = "bot-1", ["name"] = "ChatAnalyst" },
        });

        var answer = Assert.Single(await MessagesAsync(message));

        Assert.Null(answer["suggestedActions"]);
        Assert.Contains("%", (string?)answer["text"], StringComparison.Ordinal);
        Assert.Single(answer["entities"]!.AsArray(), e => (string?)e!["type"] == "https://schema.org/Message");
    }

    [Fact]
    public async Task Welcome_carries_its_example_questions_on_itself_with_buttons_teams_shows_whole()
    {
        var update = BotHostFixture.Message("", NewConversation());
        update["type"] = "conversationUpdate";
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "bot-1" });

        var welcome = Assert.Single(await MessagesAsync(update));

        var actions = welcome["suggestedActions"]!["actions"]!.AsArray();
        Assert.Equal(3, actions.Count);
        // The Agents Playground sends a button's title, Teams its value: both are the whole question.
        Assert.All(actions, a => Assert.InRange(((string?)a!["title"])!.Length, 1, 40));
        Assert.All(actions, a => Assert.Equal((string?)a!["value"], (string?)a!["title"]));
        Assert.DoesNotContain(actions, a => ((string?)a!["title"])!.Contains('…', StringComparison.Ordinal));
        Assert.Contains("ChatAnalyst", (string?)welcome["text"], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();
}
