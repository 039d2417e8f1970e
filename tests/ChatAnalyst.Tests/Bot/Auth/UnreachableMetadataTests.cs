namespace ChatAnalyst.Tests.Bot.Auth;

/// <summary>When the token service's metadata cannot be fetched, a request is neither accepted nor called forged.</summary>
public sealed class UnreachableMetadataTests
{
    [Fact]
    public async Task Unreachable_metadata_gets_503_never_500_and_never_acceptance()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "chatanalyst-nometa-" + Guid.NewGuid().ToString("N"))).FullName;
        await using var identity = await FakeBotFrameworkIdentity.StartAsync(folder);
        var nothingListens = new Uri($"https://127.0.0.1:{BotProcess.FreePort()}/v1/.well-known/openidconfiguration");
        var (bot, address) = await AuthenticatedBotFixture.StartBotAsync(nothingListens, identity.CertificateFile);
        await using var _ = bot;
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(90) };

        var (status, body) = await AuthenticatedBotFixture.PostAsync(client, "Bearer " + identity.Token(AuthenticatedBotFixture.AppId, AuthenticatedBotFixture.ServiceUrl));

        Assert.True(status == 503, $"{status}: {body}\n{bot.Printed}");
        Assert.Equal(0, AuthenticatedBotFixture.Replies(body));
        Directory.Delete(folder, recursive: true);
    }
}
