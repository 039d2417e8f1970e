using ChatAnalyst.Knowledge.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace ChatAnalyst.Bot;

/// <summary>
/// The Bot Framework adapter. A turn that throws is logged with its conversation id, the user is told something went
/// wrong (never the exception text), and that conversation's state is reset so one bad turn cannot poison the next.
/// A database that is briefly out of reach (PostgreSQL restarting) is not a bad turn: it is logged in one line, the
/// user is asked to ask again in a moment (<see cref="DatabaseUnavailableReply"/>), and the state is kept, since the
/// history written before the outage is still good and resetting it would lose it once the server is back.
/// A conversation's turns run one after another (<see cref="SerialTurnsMiddleware"/>), each a span with its ids in
/// the log scope (<see cref="TurnTelemetryMiddleware"/>).
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    /// <summary>What the user is told when a turn could not reach the database; nothing of that turn was stored.</summary>
    public const string DatabaseUnavailableReply =
        "I couldn't reach my database just now, so I didn't keep this question. Please ask again in a moment.";

    public AdapterWithErrorHandler(
        BotFrameworkAuthentication auth,
        ConversationState conversationState,
        ILogger<AdapterWithErrorHandler> logger)
        : base(auth, logger)
    {
        Use(new TurnTelemetryMiddleware(logger));
        Use(new SerialTurnsMiddleware());
        OnTurnError = async (turnContext, exception) =>
        {
            if (exception is HttpRequestException or Microsoft.Rest.HttpOperationException)
            {
                // The channel's serviceUrl did not take the reply: an outside fault, so one line, not a stack trace.
                logger.LogWarning(
                    "Could not send to {ServiceUrl} for conversation {ConversationId}: {Message}",
                    turnContext.Activity?.ServiceUrl,
                    turnContext.Activity?.Conversation?.Id,
                    exception.Message);
                return;
            }

            if (PostgresFaults.IsUnavailable(exception))
            {
                logger.LogWarning(
                    "The database was unavailable in conversation {ConversationId}; asked the user to try again: {Message}",
                    turnContext.Activity?.Conversation?.Id,
                    PostgresFaults.Describe(exception));
                try
                {
                    await turnContext.SendActivityAsync(DatabaseUnavailableReply);
                }
                catch (Exception inner) when (inner is HttpRequestException or Microsoft.Rest.HttpOperationException)
                {
                    logger.LogWarning("Could not send to {ServiceUrl} for conversation {ConversationId}: {Message}", turnContext.Activity?.ServiceUrl, turnContext.Activity?.Conversation?.Id, inner.Message);
                }

                return;
            }

            logger.LogError(
                exception,
                "Unhandled error in conversation {ConversationId}: {Message}",
                turnContext.Activity?.Conversation?.Id,
                exception.Message);
            try
            {
                await turnContext.SendActivityAsync(
                    "Sorry, something went wrong on my side while answering. I've reset this conversation; please ask again.");
                await conversationState.DeleteAsync(turnContext);
            }
            catch (Exception inner)
            {
                logger.LogError(inner, "Could not report the error to conversation {ConversationId}", turnContext.Activity?.Conversation?.Id);
            }
        };
    }

    /// <summary>
    /// What <see cref="CloudAdapter.ProcessAsync(HttpRequest, HttpResponse, IBot, CancellationToken)"/> does with a POST,
    /// minus reading and parsing the body, which <see cref="Edge.ActivityRequestFilter"/> has done with the adapter's own
    /// serializer: the turn, then the response (an invoke's, or the replies of expectReplies).
    /// </summary>
    public async Task ProcessAsync(HttpContext http, Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(bot);
        try
        {
            // As the adapter reads it: no header is null, several are joined.
            string? authHeader = http.Request.Headers.Authorization;
            var invokeResponse = await ProcessActivityAsync(authHeader, activity, bot.OnTurnAsync, cancellationToken);
            await HttpHelper.WriteResponseAsync(http.Response, invokeResponse);
        }
        catch (UnauthorizedAccessException)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
    }
}
