using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChatAnalyst.Bot;
using ChatAnalyst.Orchestration.Answers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatAnalyst.Tests.Bot;

/// <summary>Runs the real bot host on a loopback port (Kestrel) with its own database, once for all host tests.</summary>
public sealed class BotHostFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatanalyst-bot-" + Guid.NewGuid().ToString("N"));
    private readonly string[] _settings;
    private WebApplication? _app;

    /// <summary>The bot with its default settings (the offline model).</summary>
    public BotHostFixture()
        : this([])
    {
    }

    /// <summary>The bot with extra command-line settings, e.g. <c>--ChatAnalyst:Ai:Provider=OpenAICompatible</c>.</summary>
    internal BotHostFixture(params string[] settings) => _settings = settings;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A last word on the host's builder (e.g. an in-memory telemetry exporter).</summary>
    internal Action<WebApplicationBuilder>? Configure { get; init; }

    /// <summary>Everything the host logged at Warning and above (the fixture's log level).</summary>
    internal LogCapture Logs { get; } = new();

    /// <summary>The running bot's services (e.g. its feedback store).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The bot host has not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _app = BotApp.Build(
        [
            "--environment=Development",
            "--urls=http://127.0.0.1:0",
            "--ChatAnalyst:Knowledge:Database=" + Path.Combine(_folder, "bot.db"),
            "--Logging:LogLevel:Default=Warning",
            // Many tests share one user and conversation; the limits have tests of their own.
            "--ChatAnalyst:Limits:UserMessagesPerWindow=100000",
            "--ChatAnalyst:Limits:ConversationMessagesPerWindow=100000",
            "--ChatAnalyst:Telemetry:Console=false",
            .. _settings,
        ],
            contentRoot: null,
            builder =>
            {
                builder.Logging.AddProvider(Logs);
                Configure?.Invoke(builder);
            });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };

        // Ingestion runs in the background at start; wait for /readyz like a load balancer would.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            using var ready = await Client.GetAsync(new Uri("/readyz", UriKind.Relative));
            if (ready.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The bot host did not become ready within 3 minutes.");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Posts an activity with deliveryMode expectReplies and returns the status and the bot's replies.</summary>
    public async Task<(int Status, IReadOnlyList<JsonObject> Replies)> SendAsync(JsonObject activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity["deliveryMode"] = "expectReplies";
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        var replies = body.Length == 0
            ? []
            : (JsonNode.Parse(body)?["activities"]?.AsArray().Select(a => a!.AsObject()).ToList() ?? []);
        return ((int)response.StatusCode, replies);
    }

    /// <summary>Posts an activity as a channel does (replies go to its serviceUrl); returns the status and the response body.</summary>
    public async Task<(int Status, string Body)> PostAsync(JsonObject activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The conversation's stored history, read through the host's own storage (the SDK's state key).</summary>
    public static async Task<List<ChatTurn>> HistoryAsync(BotHostFixture host, string conversation)
    {
        var key = $"msteams/conversations/{conversation}";
        var items = await host.Services.GetRequiredService<IStorage>().ReadAsync([key]);
        var state = Assert.IsAssignableFrom<IDictionary<string, object>>(items[key]);
        return Assert.IsType<List<ChatTurn>>(state["history"]);
    }

    /// <summary>A Teams feedback invoke (<c>message/submitAction</c>) for the answer <paramref name="answerId"/>.</summary>
    public static JsonObject Feedback(string conversation, string answerId, string reaction)
    {
        var invoke = BotHostFixture.Message("", conversation);
        invoke["type"] = "invoke";
        invoke["name"] = "message/submitAction";
        invoke["replyToId"] = answerId;
        invoke["value"] = new JsonObject
        {
            ["actionName"] = "feedback",
            ["actionValue"] = new JsonObject { ["reaction"] = reaction, ["feedback"] = "{\"feedbackText\":\"\"}" },
        };
        return invoke;
    }

    public static JsonObject Message(string text, string conversationId, string conversationType = "personal") => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = "http://127.0.0.1:9/",
        ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "Analyst" },
        ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "ChatAnalyst" },
        ["conversation"] = new JsonObject
        {
            ["id"] = conversationId,
            ["conversationType"] = conversationType,
            ["isGroup"] = conversationType != "personal",
        },
        ["text"] = text,
        ["locale"] = "en-US",
    };
}
