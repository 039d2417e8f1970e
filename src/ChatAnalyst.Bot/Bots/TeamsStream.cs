using System.Net;
using ChatAnalyst.Bot.Rendering;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Rest;

namespace ChatAnalyst.Bot.Bots;

/// <summary>
/// One streamed reply in a Teams personal chat: the informative update whose response id becomes the stream id,
/// cumulative text updates with an increasing sequence, at most one a second, and the final message. Teams answers
/// 403 when streaming is not allowed (or the user pressed Stop) and 429 when updates come too fast; either closes the
/// stream, and the answer then goes out as a normal reply.
/// </summary>
internal sealed class TeamsStream(ITurnContext turnContext, TimeProvider time, ILogger logger)
{
    /// <summary>Teams throttles stream updates; one a second stays within its limit.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private int _sequence;
    private string _shown = string.Empty;
    private DateTimeOffset _lastSent;

    /// <summary>The stream's id: the id Teams gave the informative update. Null until it was accepted.</summary>
    public string? StreamId { get; private set; }

    /// <summary>True while updates may be sent: the stream started and Teams has refused nothing.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>When the next update may go out.</summary>
    public DateTimeOffset NextUpdateAt => _lastSent + MinInterval;

    /// <summary>Sends the informative update ("Searching the knowledge base…") that opens the stream.</summary>
    public async Task StartAsync(string informative, CancellationToken cancellationToken)
    {
        var response = await SendAsync(Typing(informative, "informative", streamId: null), cancellationToken);
        StreamId = string.IsNullOrEmpty(response?.Id) ? null : response.Id;

        // Without an id there is nothing to attach later updates to; the answer goes out whole.
        IsOpen = StreamId is not null;
    }

    /// <summary>
    /// Shows <paramref name="text"/>, the whole answer so far. Teams requires each update to extend the text already
    /// shown, so text that does not (a regenerated draft) is held back for the final message.
    /// </summary>
    public async Task UpdateAsync(string text, CancellationToken cancellationToken)
    {
        if (!IsOpen || text.Length <= _shown.Length || !text.StartsWith(_shown, StringComparison.Ordinal))
        {
            return;
        }

        if (await SendAsync(Typing(text, "streaming", StreamId), cancellationToken) is not null)
        {
            _shown = text;
        }
    }

    /// <summary>
    /// Sends the final message: marked as the end of the stream while it is open, else a normal reply; a final
    /// message Teams refuses is sent again as a normal reply. Returns the id of the message that holds the answer.
    /// </summary>
    public async Task<string> FinishAsync(Activity reply, CancellationToken cancellationToken)
    {
        var assigned = reply.Id ?? Guid.NewGuid().ToString("N");
        if (IsOpen)
        {
            TeamsChannelData.MarkStream(reply, "final", StreamId, sequence: null);
            var response = await SendAsync(reply, cancellationToken);
            if (IsOpen)
            {
                // The streamed message keeps the stream's id when Teams returns none for the final one.
                return string.IsNullOrEmpty(response?.Id) ? StreamId! : response.Id;
            }

            TeamsChannelData.UnmarkStream(reply);
            reply.Id = assigned;
        }

        var normal = await turnContext.SendActivityAsync(reply, cancellationToken);
        return string.IsNullOrEmpty(normal?.Id) ? assigned : normal.Id;
    }

    private async Task<ResourceResponse?> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            var response = await turnContext.SendActivityAsync(activity, cancellationToken);
            _lastSent = time.GetUtcNow();
            return response;
        }
        catch (Exception ex) when (Refusal(ex) is { } status)
        {
            logger.LogWarning("Teams refused a stream update with HTTP {Status}; the answer goes out as a normal reply", status);
            IsOpen = false;
            return null;
        }
    }

    private Activity Typing(string text, string streamType, string? streamId)
    {
        var activity = new Activity { Type = ActivityTypes.Typing, Text = text };
        TeamsChannelData.MarkStream(activity, streamType, streamId, ++_sequence);
        return activity;
    }

    /// <summary>The HTTP status of a channel's 403 or 429, the two answers that end a stream; null for anything else.</summary>
    private static int? Refusal(Exception ex)
    {
        var status = ex switch
        {
            ErrorResponseException e => e.Response?.StatusCode,
            HttpOperationException e => e.Response?.StatusCode,
            _ => null,
        };
        return status is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests ? (int)status : null;
    }
}
