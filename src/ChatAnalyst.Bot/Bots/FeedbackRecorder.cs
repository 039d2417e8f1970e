using ChatAnalyst.Bot.State;
using ChatAnalyst.Knowledge.Feedback;
using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Orchestration.Answers;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChatAnalyst.Bot.Bots;

/// <summary>
/// Keeps every answer sent (conversation, message id, question, text, sources) and ties the feedback Teams sends
/// (<c>message/submitAction</c>) to it: to the message the invoke names, or, when it names none, to the conversation's
/// latest answer. Storage trouble is logged, never thrown: the user has their answer already,
/// and a reaction that cannot be stored must not turn into an error card. A turn's answer record is written with the
/// turn's conversation state (<see cref="SaveTurnAsync"/>).
/// </summary>
public sealed class FeedbackRecorder(IFeedbackStore store, IStorage storage, TimeProvider time, ILogger<FeedbackRecorder> logger)
{
    /// <summary>The invoke Teams sends when a user gives feedback on a message.</summary>
    public const string SubmitActionInvoke = "message/submitAction";

    /// <summary>The record of <paramref name="answer"/>, sent as <paramref name="activityId"/> in reply to <paramref name="incoming"/>.</summary>
    public AnswerRecord Record(IActivity incoming, string question, AnalystAnswer answer, string activityId)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(answer);
        return new AnswerRecord(
            incoming.Conversation?.Id ?? string.Empty,
            activityId,
            incoming.ChannelId ?? string.Empty,
            question,
            answer.Text,
            answer.Citations.Select(c => new CitedSource(c.Number, c.Title, c.Url)).ToList(),
            time.GetUtcNow());
    }

    /// <summary>Remembers an answer sent; trouble is logged, never thrown.</summary>
    public async Task RememberAnswerAsync(AnswerRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await store.SaveAnswerAsync(record, cancellationToken);
        }
        catch (Exception ex) when (PostgresFaults.IsUnavailable(ex))
        {
            logger.LogWarning("Could not store the answer {ActivityId} of conversation {ConversationId}: the database was unavailable: {Message}", record.ActivityId, record.ConversationId, PostgresFaults.Describe(ex));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not store the answer {ActivityId} of conversation {ConversationId}; feedback on it will lack the question", record.ActivityId, record.ConversationId);
        }
    }

    /// <summary>
    /// Ends a turn: writes the conversation state (when <paramref name="stateChanged"/>, without the SDK's check for
    /// changes) and the turn's answer record, if any. When both live in the same SQLite file they are one transaction,
    /// one commit instead of two. Should that fail, each is written on its own, as they are elsewhere: the record first
    /// (its trouble logged, never thrown), then the state (its trouble thrown).
    /// </summary>
    public async Task SaveTurnAsync(ITurnContext turnContext, BotState state, bool stateChanged, AnswerRecord? answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (answer is not null && stateChanged && storage is SqliteBotStorage botState && store is SqliteFeedbackStore answers
            && string.Equals(Path.GetFullPath(botState.DatabaseFile), Path.GetFullPath(answers.DatabaseFile), StringComparison.Ordinal))
        {
            var joined = new JoinedWrite((connection, transaction, token) => SqliteFeedbackStore.InsertAnswerAsync(connection, transaction, answer, token));
            try
            {
                await answers.InitializeAsync(cancellationToken);
                using (JoinedWrite.Offer(joined))
                {
                    await state.SaveChangesAsync(turnContext, force: true, cancellationToken);
                }

                if (joined.Written)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not write the state and the answer {ActivityId} of conversation {ConversationId} together; writing them one by one", answer.ActivityId, answer.ConversationId);
            }
        }

        if (answer is not null)
        {
            await RememberAnswerAsync(answer, cancellationToken);
        }

        await state.SaveChangesAsync(turnContext, force: stateChanged, cancellationToken);
    }

    /// <summary>
    /// Stores the feedback of a <c>message/submitAction</c> invoke (<c>actionName: feedback</c>). Teams nests the
    /// reaction and the comment under <c>actionValue</c>, some clients send them at the top of <c>value</c>; both are
    /// read. The comment arrives as a JSON string (<c>{"feedbackText": "..."}</c>), or as plain text.
    /// </summary>
    public async Task RecordAsync(IInvokeActivity invoke, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        try
        {
            var value = invoke.Value is null ? null : invoke.Value as JToken ?? JToken.FromObject(invoke.Value);
            if (value is not JObject envelope || !string.Equals((string?)envelope["actionName"] ?? "feedback", "feedback", StringComparison.OrdinalIgnoreCase))
            {
                logger.LogWarning("Ignored a {Invoke} invoke that carries no feedback", SubmitActionInvoke);
                return;
            }

            var action = envelope["actionValue"] as JObject ?? envelope;
            var conversationId = invoke.Conversation?.Id ?? string.Empty;
            var (activityId, matchedBy) = await AnswerMessageAsync(conversationId, invoke.ReplyToId, cancellationToken);
            var feedback = new FeedbackRecord(
                conversationId,
                activityId,
                Text(action["reaction"]) ?? "unknown",
                Comment(action["feedback"]),
                time.GetUtcNow())
            {
                UserId = invoke.From?.Id,
                MatchedBy = matchedBy,
            };
            var stored = await store.SaveFeedbackAsync(feedback, cancellationToken);
            if (stored.Question is null)
            {
                logger.LogWarning("Feedback on message {ActivityId} of conversation {ConversationId}, which is not on record; stored without its answer", feedback.ActivityId, feedback.ConversationId);
            }
        }
        catch (Exception ex) when (PostgresFaults.IsUnavailable(ex))
        {
            logger.LogWarning("Could not store feedback on message {ActivityId}: the database was unavailable: {Message}", invoke.ReplyToId, PostgresFaults.Describe(ex));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not store feedback on message {ActivityId}", invoke.ReplyToId);
        }
    }

    /// <summary>
    /// The message the feedback is about. Teams names it in <c>replyToId</c>. The Agents Playground sends none, and
    /// feedback stored without its answer says little, so the conversation's most recent answer is taken instead: the
    /// one a user most likely reacted to, though an inference — the record says so (<see cref="FeedbackMatch.LatestAnswer"/>).
    /// </summary>
    private async Task<(string ActivityId, FeedbackMatch MatchedBy)> AnswerMessageAsync(string conversationId, string? replyToId, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(replyToId))
        {
            return (replyToId, FeedbackMatch.ReplyToId);
        }

        var latest = conversationId.Length == 0 ? null : await store.FindLatestAnswerAsync(conversationId, cancellationToken);
        return latest is null ? (string.Empty, FeedbackMatch.None) : (latest.ActivityId, FeedbackMatch.LatestAnswer);
    }

    private static string? Comment(JToken? feedback)
    {
        var text = feedback switch
        {
            JObject json => Text(json["feedbackText"]),
            JValue { Type: JTokenType.String } raw => FromJsonString((string)raw!),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static string? FromJsonString(string raw)
    {
        if (!raw.TrimStart().StartsWith('{'))
        {
            return raw;
        }

        try
        {
            return Text(JObject.Parse(raw)["feedbackText"]);
        }
        catch (JsonReaderException)
        {
            return raw;
        }
    }

    private static string? Text(JToken? token) => token is JValue { Value: not null } value ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
}
