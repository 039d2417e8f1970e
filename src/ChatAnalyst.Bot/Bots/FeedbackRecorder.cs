using ChatAnalyst.Knowledge.Feedback;
using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Orchestration.Answers;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChatAnalyst.Bot.Bots;

/// <summary>
/// Keeps every answer sent (conversation, message id, question, text, sources) and ties the feedback Teams sends
/// (<c>message/submitAction</c>) to it: to the message the invoke names, or, when it names none, to the conversation's
/// latest answer. Storage trouble is logged, never thrown: the user has their answer already,
/// and a reaction that cannot be stored must not turn into an error card.
/// </summary>
public sealed class FeedbackRecorder(IFeedbackStore store, TimeProvider time, ILogger<FeedbackRecorder> logger)
{
    /// <summary>The invoke Teams sends when a user gives feedback on a message.</summary>
    public const string SubmitActionInvoke = "message/submitAction";

    /// <summary>Remembers <paramref name="answer"/>, sent as <paramref name="activityId"/> in reply to <paramref name="incoming"/>.</summary>
    public async Task RememberAnswerAsync(IActivity incoming, string question, AnalystAnswer answer, string activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(answer);
        var record = new AnswerRecord(
            incoming.Conversation?.Id ?? string.Empty,
            activityId,
            incoming.ChannelId ?? string.Empty,
            question,
            answer.Text,
            answer.Citations.Select(c => new CitedSource(c.Number, c.Title, c.Url)).ToList(),
            time.GetUtcNow());
        try
        {
            await store.SaveAnswerAsync(record, cancellationToken);
        }
        catch (Exception ex) when (PostgresFaults.IsUnavailable(ex))
        {
            logger.LogWarning("Could not store the answer {ActivityId} of conversation {ConversationId}: the database was unavailable: {Message}", activityId, record.ConversationId, PostgresFaults.Describe(ex));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not store the answer {ActivityId} of conversation {ConversationId}; feedback on it will lack the question", activityId, record.ConversationId);
        }
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
