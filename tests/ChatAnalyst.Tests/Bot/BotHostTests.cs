using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatAnalyst.Bot;

namespace ChatAnalyst.Tests.Bot;

/// <summary>Speaks the real Bot Framework protocol to the running host's /api/messages.</summary>
public sealed class BotHostTests(BotHostFixture host) : IClassFixture<BotHostFixture>
{
    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");

    private static IEnumerable<JsonObject> Messages(IEnumerable<JsonObject> replies) =>
        replies.Where(r => (string?)r["type"] == "message");

    [Fact]
    public async Task Question_is_answered_with_a_typing_indicator_first_and_a_cited_figure()
    {
        var (status, replies) = await host.SendAsync(BotHostFixture.Message("How big was China's core AI industry in 2025?", NewConversation()));

        Assert.Equal(200, status);
        Assert.Equal("typing", (string?)replies[0]["type"]);
        var answer = (string?)Messages(replies).First()["text"];
        Assert.NotNull(answer);
        Assert.Contains("trillion", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("[1]", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chart_request_is_answered_with_an_adaptive_card_holding_the_png_and_a_facts_table()
    {
        var (_, replies) = await host.SendAsync(BotHostFixture.Message("Chart high-tech manufacturing value added growth", NewConversation()));

        var attachment = Messages(replies).First()["attachments"]!.AsArray().Single()!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var body = attachment["content"]!["body"]!.AsArray();
        Assert.Equal("1.5", (string?)attachment["content"]!["version"]);
        var image = (string?)body.Single(b => (string?)b!["type"] == "Image")!["url"];
        Assert.StartsWith("data:image/png;base64,", image, StringComparison.Ordinal);
        var png = Convert.FromBase64String(image!["data:image/png;base64,".Length..]);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.True(body.Single(b => (string?)b!["type"] == "Table")!["rows"]!.AsArray().Count > 1);
    }

    [Fact]
    public async Task Bot_added_to_a_conversation_sends_a_welcome_with_three_example_questions()
    {
        var update = new JsonObject
        {
            ["type"] = "conversationUpdate",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "emulator",
            ["serviceUrl"] = "http://127.0.0.1:9/",
            ["from"] = new JsonObject { ["id"] = "user-1" },
            ["recipient"] = new JsonObject { ["id"] = "bot-1" },
            ["conversation"] = new JsonObject { ["id"] = NewConversation() },
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "bot-1" }, new JsonObject { ["id"] = "user-1" }),
        };

        var (status, replies) = await host.SendAsync(update);

        Assert.Equal(200, status);
        var welcome = Assert.Single(Messages(replies));
        Assert.Contains("ChatAnalyst", (string?)welcome["text"], StringComparison.Ordinal);
        Assert.Equal(3, welcome["suggestedActions"]!["actions"]!.AsArray().Count);
    }

    [Fact]
    public async Task Conversation_update_and_installation_update_together_welcome_once()
    {
        var conversation = NewConversation();
        var update = BotHostFixture.Message("", conversation);
        update["type"] = "conversationUpdate";
        // Teams announces an installed bot with itself as the added member (other members would be looked up on the channel).
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "bot-1" });
        var install = BotHostFixture.Message("", conversation);
        install["type"] = "installationUpdate";
        install["action"] = "add";

        var (_, first) = await host.SendAsync(update);
        var (_, second) = await host.SendAsync(install);

        Assert.NotEmpty(Messages(first));
        Assert.Empty(Messages(second));
    }

    [Fact]
    public async Task Help_lists_what_the_bot_answers_and_its_commands()
    {
        var (_, replies) = await host.SendAsync(BotHostFixture.Message("help", NewConversation()));

        var text = (string?)Messages(replies).Single()["text"];
        Assert.Contains("reset", text, StringComparison.Ordinal);
        Assert.Contains("`sources`", text, StringComparison.Ordinal);
        Assert.Contains("What I can answer", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_command_lists_the_knowledge_base_documents_with_links()
    {
        var (status, replies) = await host.SendAsync(BotHostFixture.Message("sources", NewConversation()));

        Assert.Equal(200, status);
        var text = (string?)Messages(replies).Single()["text"];
        Assert.NotNull(text);
        Assert.StartsWith("**The knowledge base:", text, StringComparison.Ordinal);
        Assert.Contains("1. [", text, StringComparison.Ordinal);
        Assert.Contains("](http", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_clears_the_history_so_a_follow_up_no_longer_resolves()
    {
        const string HighTech = "What was high-tech manufacturing value added growth in January-November 2025?";
        var conversation = NewConversation();
        await host.SendAsync(BotHostFixture.Message(HighTech, conversation));
        var (_, year) = await host.SendAsync(BotHostFixture.Message("What about 2024?", conversation));
        // The follow-up takes its subject from the earlier question and its period from itself.
        Assert.Contains("high-tech manufacturing", (string?)Messages(year).First()["text"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("2024", (string?)Messages(year).First()["text"], StringComparison.Ordinal);
        await host.SendAsync(BotHostFixture.Message(HighTech, conversation));
        var (_, followUp) = await host.SendAsync(BotHostFixture.Message("What about equipment manufacturing?", conversation));
        Assert.Contains("9.3%", (string?)Messages(followUp).First()["text"], StringComparison.Ordinal);

        var (_, reset) = await host.SendAsync(BotHostFixture.Message("reset", conversation));

        Assert.Contains("cleared", (string?)Messages(reset).Single()["text"], StringComparison.OrdinalIgnoreCase);

        // The same follow-up after the reset has no earlier question to take high-tech manufacturing growth from.
        var (_, afterReset) = await host.SendAsync(BotHostFixture.Message("What about 2024?", conversation));
        Assert.DoesNotContain("high-tech manufacturing", (string?)Messages(afterReset).First()["text"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task In_a_channel_the_bot_answers_only_when_mentioned_and_strips_the_mention()
    {
        var conversation = NewConversation();
        var unmentioned = BotHostFixture.Message("help", conversation, "channel");
        var (_, silent) = await host.SendAsync(unmentioned);
        Assert.Empty(Messages(silent));

        var mentioned = BotHostFixture.Message("<at>ChatAnalyst</at> help", conversation, "channel");
        mentioned["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>ChatAnalyst</at>",
            ["mentioned"] = new JsonObject { ["id"] = "bot-1", ["name"] = "ChatAnalyst" },
        });
        var (_, replies) = await host.SendAsync(mentioned);

        // "help" only matches the command once the mention is gone.
        Assert.Contains("What I can answer", (string?)Messages(replies).Single()["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_not_a_500()
    {
        using var content = new StringContent("{ \"type\": \"message\", ", Encoding.UTF8, "application/json");

        using var response = await host.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_activity_type_is_ignored_with_200()
    {
        var activity = BotHostFixture.Message("", NewConversation());
        activity["type"] = "somethingNew";

        var (status, replies) = await host.SendAsync(activity);

        Assert.Equal(200, status);
        Assert.Empty(Messages(replies));
    }

    [Fact]
    public async Task Overlong_message_gets_a_clear_error_instead_of_an_answer()
    {
        var (_, replies) = await host.SendAsync(BotHostFixture.Message(new string('x', 5000), NewConversation()));

        Assert.Contains("characters long", (string?)Messages(replies).Single()["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_and_readiness_endpoints_report_the_loaded_knowledge_base()
    {
        using var health = await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var ready = JsonNode.Parse(await host.Client.GetStringAsync(new Uri("/readyz", UriKind.Relative)))!;

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ready", (string?)ready["status"]);
        Assert.True((int)ready["documents"]! >= 10);
    }

    [Fact]
    public void Production_without_an_app_id_refuses_to_start_and_says_how_to_fix_it()
    {
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => BotApp.Build(["--environment=Production", "--urls=http://127.0.0.1:0"]));

        Assert.Contains("MicrosoftAppId", error.Message, StringComparison.Ordinal);
        Assert.Contains("ChatAnalyst:Bot:AllowAnonymous", error.Message, StringComparison.Ordinal);
    }
}
