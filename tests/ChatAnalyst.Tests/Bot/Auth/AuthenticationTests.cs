using System.Security.Cryptography;

namespace ChatAnalyst.Tests.Bot.Auth;

/// <summary>
/// With an app id set, <c>/api/messages</c> accepts only tokens the SDK's own validation accepts, checked against a
/// local token service; everything forged gets 401 without reaching the bot, logged as one line.
/// </summary>
public sealed class AuthenticationTests(AuthenticatedBotFixture fixture) : IClassFixture<AuthenticatedBotFixture>
{
    private const string AppId = AuthenticatedBotFixture.AppId;
    private const string ServiceUrl = AuthenticatedBotFixture.ServiceUrl;

    [Fact]
    public async Task A_valid_channel_token_is_accepted_and_the_bot_answers()
    {
        var token = fixture.Identity.Token(AppId, ServiceUrl);

        var (status, body) = await AuthenticatedBotFixture.PostAsync(fixture.Client, "Bearer " + token);

        Assert.True(status == 200, $"{status}: {body}\n{fixture.Bot.Printed}");
        Assert.True(AuthenticatedBotFixture.Replies(body) > 0, body);
    }

    [Theory]
    [InlineData("missing header")]
    [InlineData("empty bearer")]
    [InlineData("basic scheme")]
    [InlineData("malformed token")]
    [InlineData("alg none")]
    [InlineData("wrong audience")]
    [InlineData("wrong issuer")]
    [InlineData("expired")]
    [InlineData("bad signature")]
    [InlineData("serviceUrl claim differs")]
    [InlineData("key not endorsed for the channel")]
    public async Task A_forged_or_broken_token_gets_401_and_never_reaches_the_bot(string forgery)
    {
        var authorization = Forge(forgery);

        var (status, body) = await AuthenticatedBotFixture.PostAsync(fixture.Client, authorization);

        Assert.True(status is 401 or 403, $"{forgery}: {status} {body}");
        Assert.Equal(0, AuthenticatedBotFixture.Replies(body));
    }

    [Fact]
    public async Task A_rejected_token_logs_one_line_and_no_stack_trace()
    {
        var before = fixture.Bot.Output.Count;

        var (status, _) = await AuthenticatedBotFixture.PostAsync(fixture.Client, "Bearer abc.def.ghi");
        await Task.Delay(TimeSpan.FromSeconds(1)); // the console logger writes from a queue
        var logged = fixture.Bot.Output.Skip(before).ToList();

        Assert.Equal(401, status);
        Assert.Single(logged, line => line.Contains("Rejected a request", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.True(logged.Count == 1, string.Join("\n", logged));
    }

    private string? Forge(string forgery)
    {
        var identity = fixture.Identity;
        using var stranger = RSA.Create(2048);
        return forgery switch
        {
            "missing header" => null,
            "empty bearer" => "Bearer ",
            "basic scheme" => "Basic dXNlcjpwYXNz",
            "malformed token" => "Bearer abc.def.ghi",
            "alg none" => "Bearer " + FakeBotFrameworkIdentity.UnsignedToken(AppId, ServiceUrl),
            "wrong audience" => "Bearer " + identity.Token(Guid.NewGuid().ToString(), ServiceUrl),
            "wrong issuer" => "Bearer " + identity.Token(AppId, ServiceUrl, issuer: "https://issuer.invalid"),
            "expired" => "Bearer " + identity.Token(AppId, ServiceUrl, expires: DateTime.UtcNow.AddHours(-1)),
            "bad signature" => "Bearer " + identity.Token(AppId, ServiceUrl, signWith: stranger),
            "serviceUrl claim differs" => "Bearer " + identity.Token(AppId, "https://smba.invalid/other/"),
            "key not endorsed for the channel" => "Bearer " + identity.Token(AppId, ServiceUrl, keyId: FakeBotFrameworkIdentity.UnendorsedKeyId),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery), forgery, "unknown forgery"),
        };
    }
}
