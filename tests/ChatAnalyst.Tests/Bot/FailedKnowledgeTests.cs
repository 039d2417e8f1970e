using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatAnalyst.Bot;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatAnalyst.Tests.Bot;

public sealed class FailedKnowledgeTests
{
    [Fact]
    public async Task When_the_knowledge_base_cannot_load_the_bot_says_so_instead_of_still_loading()
    {
        // A database path that is a folder cannot be opened, so loading fails for good.
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "chatanalyst-broken-" + Guid.NewGuid().ToString("N"))).FullName;
        await using var app = BotApp.Build(
        [
            "--environment=Development",
            "--urls=http://127.0.0.1:0",
            "--ChatAnalyst:Knowledge:Database=" + folder,
            "--Logging:LogLevel:Default=None",
            "--ChatAnalyst:Telemetry:Console=false",
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        JsonNode? ready = null;
        for (var i = 0; i < 100 && !((string?)ready?["status"] ?? string.Empty).StartsWith("failed", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            ready = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        }

        var activity = BotHostFixture.Message("How big was China's core AI industry in 2025?", "conv-broken");
        activity["deliveryMode"] = "expectReplies";
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        using var reply = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        var text = (string?)JsonNode.Parse(await reply.Content.ReadAsStringAsync())!["activities"]!.AsArray().Last()!["text"];

        Assert.StartsWith("failed", (string?)ready?["status"], StringComparison.Ordinal);
        Assert.Contains("failed to load", text, StringComparison.Ordinal);
        await app.StopAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData(false, "does not exist")]
    [InlineData(true, "holds no readable articles")]
    public async Task A_missing_or_empty_articles_folder_keeps_readyz_at_503_and_the_log_names_the_folder(bool create, string reason)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "chatanalyst-noarticles-" + Guid.NewGuid().ToString("N"))).FullName;
        var articles = Path.Combine(folder, "articles");
        if (create)
        {
            Directory.CreateDirectory(articles);
        }

        var (status, ready, logs) = await ReadinessProbe.StartAsync(
            "--ChatAnalyst:Knowledge:Database=" + Path.Combine(folder, "bot.db"),
            "--ChatAnalyst:Knowledge:Sources:0=" + articles);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains(reason, (string?)ready?["status"], StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(articles, StringComparison.Ordinal) && e.Message.Contains(reason, StringComparison.Ordinal));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
