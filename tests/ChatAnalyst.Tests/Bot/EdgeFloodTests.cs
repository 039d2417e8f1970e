using System.Net;
using System.Text;

namespace ChatAnalyst.Tests.Bot;

/// <summary>The bot host accepting only ten requests a minute from one address on <c>/api/messages</c>.</summary>
public sealed class FloodGuardedBotFixture : IAsyncLifetime
{
    public BotHostFixture Bot { get; } = new("--ChatAnalyst:Limits:RequestsPerMinute=10");

    public Task InitializeAsync() => Bot.InitializeAsync();

    public Task DisposeAsync() => Bot.DisposeAsync();
}

/// <summary>A request flood from one address gets 429 with Retry-After at the edge, never a 5xx; health stays open.</summary>
public sealed class EdgeFloodTests(FloodGuardedBotFixture fixture) : IClassFixture<FloodGuardedBotFixture>
{
    [Fact]
    public async Task A_flood_from_one_address_gets_429_with_retry_after_and_no_5xx()
    {
        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        string? reason = null;
        for (var i = 0; i < 30; i++)
        {
            using var content = new StringContent(BotHostFixture.Message("help", "flood-" + i).ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await fixture.Bot.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryAfter ??= response.Headers.RetryAfter?.ToString();
                reason ??= await response.Content.ReadAsStringAsync();
            }
        }

        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 20, string.Join(", ", statuses));
        Assert.False(string.IsNullOrEmpty(retryAfter));
        Assert.Contains("the limit is 10 a minute", reason, StringComparison.Ordinal);
        using var health = await fixture.Bot.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
