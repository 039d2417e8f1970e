namespace ChatAnalyst.Knowledge.Feedback;

/// <summary>
/// One reaction a user gave to an answer, with the answer it is about copied in when the bot knew that answer
/// (<see cref="Question"/> is null when it did not: feedback on an unknown message is still kept).
/// </summary>
/// <param name="ConversationId">The channel's conversation id.</param>
/// <param name="ActivityId">The id of the answer message the feedback is about; empty when the channel did not say.</param>
/// <param name="Reaction"><c>like</c> or <c>dislike</c> (as the channel sent it).</param>
/// <param name="Comment">The text the user typed, if any.</param>
/// <param name="GivenAt">When the feedback arrived.</param>
public sealed record FeedbackRecord(string ConversationId, string ActivityId, string Reaction, string? Comment, DateTimeOffset GivenAt)
{
    /// <summary>How <see cref="ActivityId"/> was found: named by the client, or inferred as the conversation's latest answer.</summary>
    public FeedbackMatch MatchedBy { get; init; } = FeedbackMatch.ReplyToId;

    /// <summary>The channel's id of the user who gave the feedback.</summary>
    public string? UserId { get; init; }

    /// <summary>The question the answer replied to.</summary>
    public string? Question { get; init; }

    /// <summary>The answer text the user reacted to.</summary>
    public string? Answer { get; init; }

    /// <summary>The sources that answer cited.</summary>
    public IReadOnlyList<CitedSource> Sources { get; init; } = [];

    /// <summary>When the answer was sent.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }
}
