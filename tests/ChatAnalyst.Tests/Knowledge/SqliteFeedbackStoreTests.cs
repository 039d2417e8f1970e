using ChatAnalyst.Knowledge.Feedback;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Tests.Knowledge;

/// <summary>The feedback store on its own: the latest answer of a conversation, and a feedback table from before <c>matched_by</c>.</summary>
public sealed class SqliteFeedbackStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatanalyst-feedback-store", Guid.NewGuid().ToString("N"));

    private SqliteConnectionFactory Connections => new(Path.Combine(_folder, "kb.db"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static AnswerRecord Answer(string conversation, string id, string question, DateTimeOffset at) =>
        new(conversation, id, "msteams", question, "It was 9.2% [1].", [new CitedSource(1, "Release", "https://example.org/r")], at);

    [Fact]
    public async Task The_latest_answer_is_the_one_sent_last_in_that_conversation()
    {
        using var store = new SqliteFeedbackStore(Connections);
        await store.SaveAnswerAsync(Answer("c1", "m2", "second", At.AddMinutes(2)));
        await store.SaveAnswerAsync(Answer("c1", "m3", "third", At.AddMinutes(3)));
        await store.SaveAnswerAsync(Answer("c1", "m1", "first, saved last", At.AddMinutes(1)));
        await store.SaveAnswerAsync(Answer("c2", "m9", "another conversation", At.AddMinutes(9)));

        var latest = await store.FindLatestAnswerAsync("c1");

        Assert.Equal("m3", latest?.ActivityId);
        Assert.Equal("third", latest?.Question);
        Assert.Equal("c1", latest?.ConversationId);
        Assert.Null(await store.FindLatestAnswerAsync("c3"));
    }

    [Fact]
    public async Task A_feedback_table_from_before_matched_by_gets_the_column_and_its_rows_read_by_what_they_name()
    {
        await using (var connection = await Connections.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE feedback (
                    id INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL, activity_id TEXT NOT NULL, user_id TEXT,
                    reaction TEXT NOT NULL, comment TEXT, question TEXT, answer TEXT, sources TEXT NOT NULL,
                    answered_at TEXT, given_at TEXT NOT NULL);
                INSERT INTO feedback(conversation_id, activity_id, reaction, sources, given_at)
                VALUES ('c1', 'm1', 'like', '[]', '2026-11-30T08:00:00.0000000Z'), ('c1', '', 'dislike', '[]', '2026-11-30T08:01:00.0000000Z');
                """;
            await command.ExecuteNonQueryAsync();
        }

        using var store = new SqliteFeedbackStore(Connections);
        await store.SaveFeedbackAsync(new FeedbackRecord("c1", "m5", "like", null, At) { MatchedBy = FeedbackMatch.LatestAnswer });
        var records = await store.ListFeedbackAsync();

        Assert.Equal([FeedbackMatch.ReplyToId, FeedbackMatch.None, FeedbackMatch.LatestAnswer], records.Select(r => r.MatchedBy));
    }
}
