namespace ChatAnalyst.Tests.Bot;

/// <summary>The bot program as a user or a container starts it: where it listens and what it prints.</summary>
public sealed class BotStartupTests
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
}
