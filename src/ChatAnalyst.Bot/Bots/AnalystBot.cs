using ChatAnalyst.Bot.Rendering;
using ChatAnalyst.Knowledge;
using ChatAnalyst.Knowledge.Feedback;
using ChatAnalyst.Orchestration;
using ChatAnalyst.Orchestration.Answers;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace ChatAnalyst.Bot.Bots;

/// <summary>
/// Where a message enters: translates Bot Framework activities into orchestrator calls and renders the answers.
/// It never searches or composes; that is the orchestrator's job.
/// </summary>
public sealed class AnalystBot : TeamsActivityHandler
{
    private readonly ConversationState _conversationState;
    private readonly IStatePropertyAccessor<List<ChatTurn>> _history;
    private readonly IStatePropertyAccessor<bool> _welcomed;
    private readonly AnswerOrchestrator _orchestrator;
    private readonly KnowledgeReadiness _readiness;
    private readonly AnswerRenderer _renderer;
    private readonly TeamsAnswerStreamer _streamer;
    private readonly FeedbackRecorder _feedback;
    private readonly BotOptions _options;
    private readonly SourcesCommand _sources;
    private readonly QuestionRateLimits _rateLimits;
    private readonly ILogger<AnalystBot> _logger;

    public AnalystBot(
        ConversationState conversationState,
        AnswerOrchestrator orchestrator,
        KnowledgeReadiness readiness,
        AnswerRenderer renderer,
        TeamsAnswerStreamer streamer,
        FeedbackRecorder feedback,
        IOptions<BotOptions> options,
        SourcesCommand sources,
        QuestionRateLimits rateLimits,
        ILogger<AnalystBot> logger)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        ArgumentNullException.ThrowIfNull(options);
        _conversationState = conversationState;
        _history = conversationState.CreateProperty<List<ChatTurn>>("history");
        _welcomed = conversationState.CreateProperty<bool>("welcomed");
        _orchestrator = orchestrator;
        _readiness = readiness;
        _renderer = renderer;
        _streamer = streamer;
        _feedback = feedback;
        _options = options.Value;
        _sources = sources;
        _rateLimits = rateLimits;
        _logger = logger;
    }

    /// <inheritdoc/>
    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        await base.OnTurnAsync(turnContext, cancellationToken);

        // A turn that changed the state says so, and the write skips the SDK's check for changes, which serialises the
        // whole state once more to compare it with what was read. Any other turn keeps the check. The answer record
        // goes with the state, in one transaction where both are in the same SQLite file.
        var changed = turnContext.TurnState.Get<object>(StateChanged) is not null;
        var answer = turnContext.TurnState.Get<AnswerRecord>(AnswerToKeep);
        await _feedback.SaveTurnAsync(turnContext, _conversationState, changed, answer, cancellationToken);
    }

    /// <summary>The turn-state key a turn sets when it has changed the conversation state.</summary>
    private const string StateChanged = "ChatAnalyst.StateChanged";

    /// <summary>The turn-state key of the answer record the turn keeps, written with the state at the end of the turn.</summary>
    private const string AnswerToKeep = "ChatAnalyst.AnswerToKeep";

    private static void MarkStateChanged(ITurnContext turnContext) => turnContext.TurnState[StateChanged] = true;

    /// <inheritdoc/>
    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var channel = ReplyChannel.Of(activity);
        if (!channel.IsPersonal && !MentionsBot(activity))
        {
            // In group chats and channels the bot speaks only when spoken to.
            return;
        }

        var text = MessageText.Clean(activity);
        if (text.Length == 0)
        {
            await turnContext.SendActivityAsync(_renderer.Help(), cancellationToken);
            return;
        }

        switch (MessageText.Command(text))
        {
            case BotCommand.Help:
                await turnContext.SendActivityAsync(_renderer.Help(), cancellationToken);
                return;
            case BotCommand.Reset:
                await _history.DeleteAsync(turnContext, cancellationToken);
                MarkStateChanged(turnContext);
                await turnContext.SendActivityAsync(MessageFactory.Text("Done: I've cleared this conversation's history. Ask me anything new."), cancellationToken);
                return;
            case BotCommand.Sources:
                await turnContext.SendActivityAsync(await _sources.ReplyAsync(cancellationToken), cancellationToken);
                return;
        }

        if (text.Length > _options.MaxMessageLength)
        {
            await turnContext.SendActivityAsync(
                MessageFactory.Text($"That message is {text.Length:N0} characters long; I can take questions of up to {_options.MaxMessageLength:N0}. Please shorten it and ask again."),
                cancellationToken);
            return;
        }

        if (!_readiness.IsReady)
        {
            // A failed load is not "loading": saying "try again in a few seconds" forever would mislead the user.
            var notReady = _readiness.IsFailed
                ? "I can't answer right now: the knowledge base failed to load. The bot's administrator can find the reason in its logs and on /readyz."
                : "I'm still loading the knowledge base. Please ask again in a few seconds.";
            await turnContext.SendActivityAsync(MessageFactory.Text(notReady), cancellationToken);
            return;
        }

        if (!_rateLimits.TryAcquire(activity.From?.Id ?? string.Empty, activity.Conversation.Id, out var retryAfter))
        {
            // Nothing is answered or remembered: the user asks again once told when.
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            _logger.LogInformation("Question rate limit reached in conversation {ConversationId}; asked to wait {Seconds} s", activity.Conversation.Id, seconds);
            ChatAnalystTelemetry.LimitHits.Add(1, new KeyValuePair<string, object?>("chatanalyst.limit", "questions"));
            await turnContext.SendActivityAsync(
                MessageFactory.Text($"You're asking faster than I can answer well. Please wait about {seconds:N0} seconds, then ask again."),
                cancellationToken);
            return;
        }

        var history = await _history.GetAsync(turnContext, () => [], cancellationToken);

        // Replies returned in the HTTP response (expectReplies) arrive all at once, so there is nothing to stream to.
        var sent = channel.CanStream && _orchestrator.UsesHostedModel && activity.DeliveryMode != DeliveryModes.ExpectReplies
            ? await _streamer.StreamAsync(turnContext, history, text, channel, cancellationToken)
            : await ReplyAsync(turnContext, history, text, channel, cancellationToken);
        var answer = sent.Answer;
        turnContext.TurnState[AnswerToKeep] = _feedback.Record(activity, text, answer, sent.ActivityId);

        history.Add(new ChatTurn(ChatTurn.User, text));
        history.Add(new ChatTurn(ChatTurn.Assistant, answer.Text));
        var keep = _options.HistoryTurns * 2;
        if (history.Count > keep)
        {
            history.RemoveRange(0, history.Count - keep);
        }

        await _history.SetAsync(turnContext, history, cancellationToken);
        MarkStateChanged(turnContext);
    }

    /// <summary>One normal reply: a typing indicator while the orchestrator works, then the rendered answer.</summary>
    private async Task<SentAnswer> ReplyAsync(ITurnContext turnContext, List<ChatTurn> history, string text, ReplyChannel channel, CancellationToken cancellationToken)
    {
        await turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, cancellationToken);
        var answer = await _orchestrator.AnswerAsync(history, text, cancellationToken);
        var reply = _renderer.Render(answer, channel);

        // A channel assigns the message its id and returns it; replies buffered for expectReplies get none, so the
        // bot names the message itself, and feedback that names it can still be tied to this answer.
        reply.Id = Guid.NewGuid().ToString("N");
        var response = await turnContext.SendActivityAsync(reply, cancellationToken);
        return new SentAnswer(answer, string.IsNullOrEmpty(response?.Id) ? reply.Id : response.Id);
    }

    /// <summary>Teams' feedback buttons send <c>message/submitAction</c>; it is stored and always answered 200.</summary>
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity.Name != FeedbackRecorder.SubmitActionInvoke)
        {
            // The SDK answers an invoke it has no handler for with 501; that is the caller's mistake, not a server
            // fault, and a 5xx would page whoever watches the bot's error rate.
            var handled = await base.OnInvokeActivityAsync(turnContext, cancellationToken);
            return handled is { Status: StatusCodes.Status501NotImplemented }
                ? new InvokeResponse { Status = StatusCodes.Status400BadRequest }
                : handled;
        }

        await _feedback.RecordAsync(turnContext.Activity, cancellationToken);
        return new InvokeResponse { Status = StatusCodes.Status200OK };
    }

    /// <inheritdoc/>
    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(membersAdded);
        ArgumentNullException.ThrowIfNull(turnContext);
        // Teams adds the bot itself; the Emulator adds the user. Either way the conversation gets one welcome.
        var botId = turnContext.Activity.Recipient?.Id;
        var botJoined = membersAdded.Any(m => m.Id == botId);
        var userJoined = membersAdded.Any(m => m.Id != botId);
        if (botJoined || (userJoined && ReplyChannel.Of(turnContext.Activity).IsPersonal))
        {
            await WelcomeOnceAsync(turnContext, cancellationToken);
        }
    }

    /// <inheritdoc/>
    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        WelcomeOnceAsync(turnContext, cancellationToken);

    /// <summary>
    /// Channels announce a new bot with a conversationUpdate, an installationUpdate or both (the Agents Playground sends
    /// both); conversation state remembers the welcome so the user sees it once.
    /// </summary>
    private async Task WelcomeOnceAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (await _welcomed.GetAsync(turnContext, () => false, cancellationToken))
        {
            return;
        }

        await turnContext.SendActivityAsync(_renderer.Welcome(ReplyChannel.Of(turnContext.Activity)), cancellationToken);
        await _welcomed.SetAsync(turnContext, true, cancellationToken);
        MarkStateChanged(turnContext);
    }

    private static bool MentionsBot(IMessageActivity activity) =>
        activity.GetMentions().Any(m => m.Mentioned?.Id == activity.Recipient?.Id);
}
