using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace ChatAnalyst.Bot;

/// <summary>
/// The Bot Framework adapter. A turn that throws is logged with its conversation id, the user is told something went
/// wrong (never the exception text), and that conversation's state is reset so one bad turn cannot poison the next.
/// A conversation's turns run one after another (<see cref="SerialTurnsMiddleware"/>).
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    public AdapterWithErrorHandler(
        BotFrameworkAuthentication auth,
        ConversationState conversationState,
        ILogger<AdapterWithErrorHandler> logger)
        : base(auth, logger)
    {
        Use(new SerialTurnsMiddleware());
        OnTurnError = async (turnContext, exception) =>
        {
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
}
