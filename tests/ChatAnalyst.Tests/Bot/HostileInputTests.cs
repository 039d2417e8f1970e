using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace ChatAnalyst.Tests.Bot;

/// <summary>Broken and hostile requests to the running host's /api/messages get a 4xx with a reason, never a 5xx.</summary>
public sealed class HostileInputTests(BotHostFixture host) : IClassFixture<BotHostFixture>
{
    private static readonly Uri Messages = new("/api/messages", UriKind.Relative);

    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");

    [Theory]
    [InlineData("", "The request body is empty")]
    [InlineData("{\"type\":\"message\",", "not valid JSON")]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("[1,2,3]", "is a JSON array")]
    [InlineData("{\"type\":\"message\",\"conversation\":\"c1\"}", "wrong type")]
    [InlineData("{\"channelId\":\"msteams\",\"serviceUrl\":\"http://127.0.0.1:9/\",\"conversation\":{\"id\":\"c1\"}}", "no type")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"msteams\",\"serviceUrl\":\"http://127.0.0.1:9/\"}", "no conversation.id")]
    [InlineData("{\"type\":\"message\",\"serviceUrl\":\"http://127.0.0.1:9/\",\"conversation\":{\"id\":\"c1\"}}", "no channelId")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"msteams\",\"conversation\":{\"id\":\"c1\"}}", "no serviceUrl")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"msteams\",\"serviceUrl\":\"not a url\",\"conversation\":{\"id\":\"c1\"}}", "serviceUrl is not an absolute")]
    public async Task A_body_that_is_not_a_routable_activity_gets_400_with_a_one_line_reason(string body, string reason)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await host.Client.PostAsync(Messages, content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.Single(text.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_whether_or_not_it_says_its_length()
    {
        var activity = BotHostFixture.Message(new string('x', 300 * 1024), NewConversation());
        var bytes = Encoding.UTF8.GetBytes(activity.ToJsonString());

        using var sized = new ByteArrayContent(bytes);
        sized.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var sizedResponse = await host.Client.PostAsync(Messages, sized);
        using var chunked = new StreamContent(new MemoryStream(bytes));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Messages) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var chunkedResponse = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sizedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedResponse.StatusCode);
        Assert.Contains("ChatAnalyst:Bot:MaxRequestBytes", await chunkedResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_10000_character_message_is_refused_politely_in_chat()
    {
        var (status, replies) = await host.SendAsync(BotHostFixture.Message(new string('a', 10_000), NewConversation()));

        Assert.Equal(200, status);
        Assert.Contains(replies, r => ((string?)r["text"] ?? string.Empty).Contains("10,000 characters", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\u0000\u0001\u0007\u001b[31m\u007f")]
    [InlineData("\u202e\u200b\ufeff\ud83d\ude00 \u0301\u0301\u0301 \uffff")]
    [InlineData("   \t\r\n  ")]
    public async Task Control_characters_and_odd_unicode_get_a_reply_not_an_error(string text)
    {
        var (status, replies) = await host.SendAsync(BotHostFixture.Message(text, NewConversation()));

        Assert.Equal(200, status);
        Assert.DoesNotContain(replies, r => ((string?)r["text"] ?? string.Empty).Contains("went wrong", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("zzzUnknownType")]
    [InlineData("event")]
    [InlineData("messageReaction")]
    [InlineData("endOfConversation")]
    public async Task Unknown_and_unexpected_activity_types_are_accepted_quietly(string type)
    {
        var activity = BotHostFixture.Message("hello", NewConversation());
        activity["type"] = type;

        var (status, _) = await host.SendAsync(activity);

        Assert.InRange(status, 200, 299);
    }

    [Fact]
    public async Task An_attachment_only_message_and_a_card_submit_with_odd_values_get_a_reply()
    {
        var attachmentOnly = BotHostFixture.Message(null!, NewConversation());
        attachmentOnly.Remove("text");
        attachmentOnly["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = "http://127.0.0.1:9/x.png" });
        var submit = BotHostFixture.Message(null!, NewConversation());
        submit.Remove("text");
        submit["value"] = new JsonObject { ["action"] = new JsonArray(1, null, "x"), ["q"] = new JsonObject { ["deep"] = true } };

        var (attachmentStatus, attachmentReplies) = await host.SendAsync(attachmentOnly);
        var (submitStatus, _) = await host.SendAsync(submit);

        Assert.Equal(200, attachmentStatus);
        Assert.Contains(attachmentReplies, r => (string?)r["type"] == "message");
        Assert.Equal(200, submitStatus);
    }

    [Theory]
    [InlineData("composeExtension/query")]
    [InlineData("zzz/unknown")]
    [InlineData("message/submitAction")]
    public async Task An_invoke_with_an_unknown_name_or_odd_value_gets_a_4xx_or_2xx_not_a_5xx(string name)
    {
        var invoke = BotHostFixture.Message("x", NewConversation());
        invoke["type"] = "invoke";
        invoke["name"] = name;
        invoke["value"] = new JsonArray("odd", 42);

        var (status, _) = await host.PostAsync(invoke);

        Assert.InRange(status, 200, 499);
    }

    [Fact]
    public async Task A_reply_to_an_unreachable_service_url_is_logged_in_one_line_and_the_request_still_succeeds()
    {
        var conversation = NewConversation();
        var activity = BotHostFixture.Message("help", conversation);

        var (status, body) = await host.PostAsync(activity);

        Assert.InRange(status, 200, 299);
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
        var logged = host.Logs.Entries.Where(e => e.Message.Contains(conversation, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(logged);
        Assert.All(logged, e => Assert.Null(e.Exception));
        Assert.DoesNotContain(logged, e => e.Level >= LogLevel.Error);
    }
}
