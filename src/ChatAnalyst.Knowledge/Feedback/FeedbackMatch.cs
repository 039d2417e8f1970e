namespace ChatAnalyst.Knowledge.Feedback;

/// <summary>How a feedback record's answer message was identified, kept with the record so a reader can weigh the tie.</summary>
public enum FeedbackMatch
{
    /// <summary>No message was identified: the client named none and the conversation had no answer on record.</summary>
    None,

    /// <summary>The client named the message (the invoke's <c>replyToId</c>), as Teams does.</summary>
    ReplyToId,

    /// <summary>
    /// The client named no message (the Agents Playground sends no <c>replyToId</c>), so the feedback was tied to the
    /// most recent answer the bot sent in the conversation: right when the user reacts to the latest answer, which is
    /// the usual case, but an inference.
    /// </summary>
    LatestAnswer,
}
