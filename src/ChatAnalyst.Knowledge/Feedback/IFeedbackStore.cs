namespace ChatAnalyst.Knowledge.Feedback;

/// <summary>
/// Where sent answers and the users' feedback on them are kept. SQLite today (<see cref="SqliteFeedbackStore"/>); a
/// server database can take its place behind this interface.
/// </summary>
public interface IFeedbackStore
{
    /// <summary>Remembers an answer that was sent; saving the same conversation and activity id again replaces it.</summary>
    Task SaveAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken = default);

    /// <summary>The answer sent as <paramref name="activityId"/> in <paramref name="conversationId"/>, or null.</summary>
    Task<AnswerRecord?> FindAnswerAsync(string conversationId, string activityId, CancellationToken cancellationToken = default);

    /// <summary>The answer sent last in <paramref name="conversationId"/> (by the time it was sent), or null when there is none.</summary>
    Task<AnswerRecord?> FindLatestAnswerAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores feedback, tied to the answer it names when that answer is known (its question, text and sources are
    /// copied in), and returns what was stored. Feedback on an unknown answer is stored with what it says.
    /// </summary>
    Task<FeedbackRecord> SaveFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken = default);

    /// <summary>Every feedback record, oldest first.</summary>
    Task<IReadOnlyList<FeedbackRecord>> ListFeedbackAsync(CancellationToken cancellationToken = default);
}
