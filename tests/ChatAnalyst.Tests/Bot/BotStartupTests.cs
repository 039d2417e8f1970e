using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatAnalyst.Tests.Bot;

/// <summary>The bot program as a user or a container starts it: where it listens and what it prints.</summary>
public sealed partial class BotStartupTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ASPNETCORE_URLS_decides_where_the_bot_listens()
    {
        var port = BotProcess.FreePort();
        await using var bot = BotProcess.Start(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });

        var healthy = await bot.WaitForHealthAsync(new Uri($"http://127.0.0.1:{port}/healthz"), StartTimeout);

        Assert.True(healthy, $"nothing answered on port {port}. {bot.Printed}");
    }

    [Fact]
    public async Task ASPNETCORE_HTTP_PORTS_decides_the_port_when_no_urls_are_set()
    {
        var port = BotProcess.FreePort();
        await using var bot = BotProcess.Start(new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var healthy = await bot.WaitForHealthAsync(new Uri($"http://127.0.0.1:{port}/healthz"), StartTimeout);

        Assert.True(healthy, $"nothing answered on port {port}. {bot.Printed}");
    }

    [Fact]
    public async Task Startup_prints_where_to_connect_and_the_knowledge_counts_and_a_question_prints_nothing()
    {
        await using var bot = BotProcess.Start(new Dictionary<string, string>(), "--urls=http://127.0.0.1:0");

        var ready = await bot.WaitForLineAsync(line => line.Contains("Knowledge base ready", StringComparison.Ordinal), StartTimeout);
        var startup = bot.Output;
        var address = Listening().Match(string.Join("\n", startup)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        using var content = new StringContent(Question().ToJsonString(), Encoding.UTF8, "application/json");
        using var reply = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        var body = await reply.Content.ReadAsStringAsync();

        Assert.True(startup.Count <= 5, bot.Printed);
        Assert.Matches(@"^Knowledge base ready: [1-9]\d* documents, [1-9]\d* chunks, [1-9]\d* indicator figures", ready);
        Assert.Contains(startup, line => line.Contains($"Bot Framework Emulator to {address}/api/messages", StringComparison.Ordinal));
        Assert.Contains(startup, line => line.Contains($"agentsplayground -e {address}/api/messages", StringComparison.Ordinal));
        Assert.Contains("trillion", body, StringComparison.Ordinal);

        // The console logger writes from a queue; give it a moment to show anything the question logged.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(startup, bot.Output);
    }

    private static JsonObject Question()
    {
        var activity = BotHostFixture.Message("How big was China's core AI industry in 2025?", "conv-" + Guid.NewGuid().ToString("N"));
        activity["deliveryMode"] = "expectReplies";
        return activity;
    }

    [GeneratedRegex(@"listening on:? (http://[^\s,]+)")]
    private static partial Regex Listening();
}
