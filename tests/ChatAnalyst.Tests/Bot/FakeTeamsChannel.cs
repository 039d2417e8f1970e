using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// A channel's connector service on 127.0.0.1 and a random port (Kestrel): the <c>serviceUrl</c> the bot sends its
/// replies to (<c>POST /v3/conversations/{id}/activities[/{replyToId}]</c>). Every activity is recorded with the time
/// it arrived, answered with a fresh id, or refused with the status <see cref="Refuse"/> picks.
/// </summary>
public sealed class FakeTeamsChannel : IAsyncDisposable
{
    private readonly List<ReceivedActivity> _received = [];
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly WebApplication _app;
    private int _ids;

    private FakeTeamsChannel()
    {
        _app = LoopbackServer.Create(HandleAsync);
    }

    /// <summary>The base address to give the bot as <c>serviceUrl</c>.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>Picks an HTTP status to refuse an activity with (e.g. 429), or null to accept it.</summary>
    public Func<JsonObject, int?> Refuse { get; set; } = _ => null;

    public static async Task<FakeTeamsChannel> StartAsync()
    {
        var channel = new FakeTeamsChannel();
        channel.ServiceUrl = await LoopbackServer.StartAsync(channel._app);
        return channel;
    }

    /// <summary>What arrived for <paramref name="conversationId"/>, oldest first, refused activities included.</summary>
    public IReadOnlyList<ReceivedActivity> For(string conversationId)
    {
        lock (_gate)
        {
            return _received.Where(r => (string?)r.Activity["conversation"]?["id"] == conversationId).ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments("/v3/conversations", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var activity = JsonNode.Parse(await reader.ReadToEndAsync(context.RequestAborted))!.AsObject();
        var status = Refuse(activity);
        var id = status is null ? "msg-" + Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture) : null;
        lock (_gate)
        {
            _received.Add(new ReceivedActivity(activity, _clock.Elapsed, id, status ?? StatusCodes.Status200OK));
        }

        context.Response.ContentType = "application/json";
        context.Response.StatusCode = status ?? StatusCodes.Status200OK;
        var body = status is null
            ? new JsonObject { ["id"] = id }
            : new JsonObject { ["error"] = new JsonObject { ["code"] = "Refused", ["message"] = $"Scripted HTTP {status}." } };
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
