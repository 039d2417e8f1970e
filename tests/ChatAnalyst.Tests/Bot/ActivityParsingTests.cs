using System.Text;
using ChatAnalyst.Bot.Edge;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;

namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// The request filter parses the activity once and the adapter takes that parse, so it must be the parse the adapter
/// would have made itself; a body it cannot take is explained as before.
/// </summary>
public sealed class ActivityParsingTests
{
    private const string Valid = """
        {"type":"message","id":"m1","channelId":"msteams","serviceUrl":"https://smba.example.org/","conversation":{"id":"c1"},
         "from":{"id":"u1"},"recipient":{"id":"b1"},"timestamp":"2025-01-02T03:04:05.678+08:00",
         "text":"2025-01-01T00:00:00Z says \"hi\" \\ 数据","value":{"reaction":"like","n":1.50}}
        """;

    [Fact]
    public async Task A_valid_body_is_parsed_as_the_adapter_parses_it()
    {
        var (activity, problem) = await ActivityRequestFilter.ReadActivityAsync(Request(Valid), CancellationToken.None);
        var adapters = await HttpHelper.ReadRequestAsync<Activity>(Request(Valid));

        Assert.Null(problem);
        Assert.NotNull(activity);
        Assert.Equal("2025-01-01T00:00:00Z says \"hi\" \\ 数据", activity.Text);
        Assert.Equal(
            Newtonsoft.Json.JsonConvert.SerializeObject(adapters, HttpHelper.BotMessageSerializerSettings),
            Newtonsoft.Json.JsonConvert.SerializeObject(activity, HttpHelper.BotMessageSerializerSettings));
    }

    [Theory]
    [InlineData("", "The request body is empty")]
    [InlineData("[1, 2]", "The request body is a JSON array")]
    [InlineData("{\"type\":\"message\"} trailing", "The request body is not valid JSON")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"msteams\",\"serviceUrl\":\"https://x.example.org/\"}", "The activity has no conversation.id.")]
    [InlineData("{\"type\":\"message\",\"conversation\":5}", "The activity has a field of the wrong type")]
    public async Task A_body_that_is_not_an_activity_is_explained(string body, string reason)
    {
        var (activity, problem) = await ActivityRequestFilter.ReadActivityAsync(Request(body), CancellationToken.None);

        Assert.Null(activity);
        Assert.StartsWith(reason, problem, StringComparison.Ordinal);
    }

    private static HttpRequest Request(string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return context.Request;
    }
}
