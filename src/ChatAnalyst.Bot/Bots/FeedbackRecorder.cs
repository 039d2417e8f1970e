using ChatAnalyst.Knowledge.Feedback;
using ChatAnalyst.Orchestration.Answers;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChatAnalyst.Bot.Bots;

/// <summary>
/// Keeps every answer sent (conversation, message id, question, text, sources) and ties the feedback Teams sends
/// (<c>message/submitAction</c>) to it. Storage trouble is logged, never thrown: the user has their answer already,
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
            var feedback = new FeedbackRecord(
                invoke.Conversation?.Id ?? string.Empty,
                invoke.ReplyToId ?? string.Empty,
                Text(action["reaction"]) ?? "unknown",
                Comment(action["feedback"]),
                time.GetUtcNow())
            {
                UserId = invoke.From?.Id,
            };
            var stored = await store.SaveFeedbackAsync(feedback, cancellationToken);
            if (stored.Question is null)
            {
                logger.LogWarning("Feedback on message {ActivityId} of conversation {ConversationId}, which is not on record; stored without its answer", feedback.ActivityId, feedback.ConversationId);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not store feedback on message {ActivityId}", invoke.ReplyToId);
        }
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
