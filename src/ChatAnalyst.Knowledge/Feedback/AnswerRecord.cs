namespace ChatAnalyst.Knowledge.Feedback;

/// <summary>
/// An answer the bot sent, kept so that feedback on it (which names only the conversation and the message) can be tied
/// to the question, the text and the sources the user actually saw.
/// </summary>
/// <param name="ConversationId">The channel's conversation id.</param>
/// <param name="ActivityId">The id of the answer message in that conversation (what a feedback invoke's replyToId names).</param>
/// <param name="ChannelId">The channel, e.g. <c>msteams</c>.</param>
/// <param name="Question">The question as the bot read it.</param>
/// <param name="Answer">The answer text, with its <c>[n]</c> markers.</param>
/// <param name="Sources">The cited sources, in marker order.</param>
/// <param name="AnsweredAt">When the answer was sent.</param>
public sealed record AnswerRecord(
    string ConversationId,
    string ActivityId,
    string ChannelId,
    string Question,
    string Answer,
    IReadOnlyList<CitedSource> Sources,
    DateTimeOffset AnsweredAt);
