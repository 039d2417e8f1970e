using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatAnalyst.Tests.Bot.Auth;

/// <summary>
/// The real bot program with an app id, validating tokens with the SDK against <see cref="FakeBotFrameworkIdentity"/>
/// (through the SDK's <c>ToBotFromChannelOpenIdMetadataUrl</c> and <c>ToBotFromChannelTokenIssuer</c> settings).
/// Logs are the console logs at Warning an operator reads (single-line, from appsettings.json).
/// </summary>
public sealed class AuthenticatedBotFixture : IAsyncLifetime
{
    public const string AppId = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    public const string ServiceUrl = "http://127.0.0.1:9/";

    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "chatanalyst-auth-" + Guid.NewGuid().ToString("N"))).FullName;
    private BotProcess? _bot;

    internal FakeBotFrameworkIdentity Identity { get; private set; } = null!;

    internal BotProcess Bot => _bot ?? throw new InvalidOperationException("The bot has not started.");

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        Identity = await FakeBotFrameworkIdentity.StartAsync(_folder);
        (_bot, var address) = await StartBotAsync(Identity.MetadataUrl, Identity.CertificateFile);
        Client.BaseAddress = address;
    }

    /// <summary>Starts the bot with an app id and the given metadata URL; returns it and its base address once /readyz answers.</summary>
    internal static async Task<(BotProcess Bot, Uri Address)> StartBotAsync(Uri metadataUrl, string certificateFile)
    {
        var port = BotProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        var bot = BotProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "test-secret-not-used",
            ["ToBotFromChannelOpenIdMetadataUrl"] = metadataUrl.ToString(),
            ["ToBotFromEmulatorOpenIdMetadataUrl"] = metadataUrl.ToString(),
            ["ToBotFromChannelTokenIssuer"] = FakeBotFrameworkIdentity.Issuer,
            ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
            ["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/botframework.com",
            ["OAuthUrl"] = "https://api.botframework.com",
            ["SSL_CERT_FILE"] = certificateFile,
            ["Logging__LogLevel__Default"] = "Warning",
        });
        var address = new Uri($"http://127.0.0.1:{port}");
        // Ready, not only alive: the knowledge base loads in the background and prints a line when it is done, which must
        // not land in the middle of a test that counts the log lines one request writes.
        if (!await bot.WaitForHealthAsync(new Uri(address, "/readyz"), TimeSpan.FromMinutes(3)))
        {
            var printed = bot.Printed;
            await bot.DisposeAsync();
            throw new TimeoutException("The authenticated bot did not start. " + printed);
        }

        return (bot, address);
    }

    /// <summary>Posts a <c>help</c> message (expectReplies) with the given Authorization header; returns the status and body.</summary>
    internal static async Task<(int Status, string Body)> PostAsync(HttpClient client, string? authorization, string serviceUrl = ServiceUrl)
    {
        var activity = BotHostFixture.Message("help", "conv-" + Guid.NewGuid().ToString("N"));
        activity["serviceUrl"] = serviceUrl;
        activity["deliveryMode"] = "expectReplies";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The bot's replies in an expectReplies body (none when the bot was not reached).</summary>
    internal static int Replies(string body) =>
        body.TrimStart().StartsWith('{') ? JsonNode.Parse(body)?["activities"]?.AsArray().Count ?? 0 : 0;

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        await Identity.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    internal static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
