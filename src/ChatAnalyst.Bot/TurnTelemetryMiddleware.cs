using System.Diagnostics;
using ChatAnalyst.Orchestration;
using Microsoft.Bot.Builder;

namespace ChatAnalyst.Bot;

/// <summary>
/// Makes every turn traceable: a <c>turn</c> span tagged with the conversation and activity ids (the answer, model and
/// tool spans of the turn are its children), and a logging scope with the same two ids, so each log line written
/// during the turn, by any component, says which conversation and message it belongs to.
/// </summary>
public sealed class TurnTelemetryMiddleware(ILogger logger) : Microsoft.Bot.Builder.IMiddleware
{
    /// <inheritdoc/>
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        var conversation = activity?.Conversation?.Id;
        using var span = ChatAnalystTelemetry.Source.StartActivity("turn " + (activity?.Type ?? "unknown"), ActivityKind.Internal);
        span?.SetTag(ChatAnalystTelemetry.ConversationIdTag, conversation);
        span?.SetTag(ChatAnalystTelemetry.ActivityIdTag, activity?.Id);
        span?.SetTag("chatanalyst.channel", activity?.ChannelId);
        span?.SetTag("chatanalyst.activity.type", activity?.Type);
        // A message-template scope: the console prints it as text, structured sinks (OpenTelemetry) get the two fields.
        using var scope = logger.BeginScope("Conversation {ConversationId}, activity {ActivityId}", conversation, activity?.Id);
        try
        {
            await next(cancellationToken);
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }
}
