using System.Globalization;
using System.Text.Json;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Knowledge.Feedback;

/// <summary>
/// <see cref="IFeedbackStore"/> in the knowledge base's SQLite file, in two tables of its own: <c>answers</c> (what was
/// sent, keyed by conversation and activity id) and <c>feedback</c> (one row per reaction, with the answer copied in,
/// so a record stays whole even if answers are pruned later).
/// </summary>
public sealed class SqliteFeedbackStore : IFeedbackStore, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS answers (
            conversation_id TEXT NOT NULL,
            activity_id     TEXT NOT NULL,
            channel_id      TEXT NOT NULL,
            question        TEXT NOT NULL,
            answer          TEXT NOT NULL,
            sources         TEXT NOT NULL,
            answered_at     TEXT NOT NULL,
            PRIMARY KEY (conversation_id, activity_id)
        );
        CREATE TABLE IF NOT EXISTS feedback (
            id              INTEGER PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            activity_id     TEXT NOT NULL,
            user_id         TEXT,
            reaction        TEXT NOT NULL,
            comment         TEXT,
            question        TEXT,
            answer          TEXT,
            sources         TEXT NOT NULL,
            answered_at     TEXT,
            given_at        TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_feedback_answer ON feedback(conversation_id, activity_id);
        """;

    private readonly SqliteConnectionFactory _connections;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    public SqliteFeedbackStore(SqliteConnectionFactory connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        _connections = connections;
    }

    /// <inheritdoc/>
    public async Task SaveAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO answers(conversation_id, activity_id, channel_id, question, answer, sources, answered_at)
            VALUES ($conversation, $activity, $channel, $question, $answer, $sources, $at)
            """;
        command.Parameters.AddWithValue("$conversation", answer.ConversationId);
        command.Parameters.AddWithValue("$activity", answer.ActivityId);
        command.Parameters.AddWithValue("$channel", answer.ChannelId);
        command.Parameters.AddWithValue("$question", answer.Question);
        command.Parameters.AddWithValue("$answer", answer.Answer);
        command.Parameters.AddWithValue("$sources", JsonSerializer.Serialize(answer.Sources));
        command.Parameters.AddWithValue("$at", Timestamp(answer.AnsweredAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<AnswerRecord?> FindAnswerAsync(string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT channel_id, question, answer, sources, answered_at FROM answers
            WHERE conversation_id = $conversation AND activity_id = $activity
            """;
        command.Parameters.AddWithValue("$conversation", conversationId);
        command.Parameters.AddWithValue("$activity", activityId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new AnswerRecord(
            conversationId,
            activityId,
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            Sources(reader.GetString(3)),
            ParseTimestamp(reader.GetString(4)));
    }

    /// <inheritdoc/>
    public async Task<FeedbackRecord> SaveFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var answer = feedback.ActivityId.Length == 0 ? null : await FindAnswerAsync(feedback.ConversationId, feedback.ActivityId, cancellationToken);
        var stored = answer is null
            ? feedback
            : feedback with { Question = answer.Question, Answer = answer.Answer, Sources = answer.Sources, AnsweredAt = answer.AnsweredAt };

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feedback(conversation_id, activity_id, user_id, reaction, comment, question, answer, sources, answered_at, given_at)
            VALUES ($conversation, $activity, $user, $reaction, $comment, $question, $answer, $sources, $answeredAt, $givenAt)
            """;
        command.Parameters.AddWithValue("$conversation", stored.ConversationId);
        command.Parameters.AddWithValue("$activity", stored.ActivityId);
        command.Parameters.AddWithValue("$user", (object?)stored.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue("$reaction", stored.Reaction);
        command.Parameters.AddWithValue("$comment", (object?)stored.Comment ?? DBNull.Value);
        command.Parameters.AddWithValue("$question", (object?)stored.Question ?? DBNull.Value);
        command.Parameters.AddWithValue("$answer", (object?)stored.Answer ?? DBNull.Value);
        command.Parameters.AddWithValue("$sources", JsonSerializer.Serialize(stored.Sources));
        command.Parameters.AddWithValue("$answeredAt", stored.AnsweredAt is { } at ? Timestamp(at) : DBNull.Value);
        command.Parameters.AddWithValue("$givenAt", Timestamp(stored.GivenAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return stored;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FeedbackRecord>> ListFeedbackAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT conversation_id, activity_id, user_id, reaction, comment, question, answer, sources, answered_at, given_at
            FROM feedback ORDER BY given_at, id
            """;
        var records = new List<FeedbackRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new FeedbackRecord(reader.GetString(0), reader.GetString(1), reader.GetString(3), NullableString(reader, 4), ParseTimestamp(reader.GetString(9)))
            {
                UserId = NullableString(reader, 2),
                Question = NullableString(reader, 5),
                Answer = NullableString(reader, 6),
                Sources = Sources(reader.GetString(7)),
                AnsweredAt = NullableString(reader, 8) is { } answeredAt ? ParseTimestamp(answeredAt) : null,
            });
        }

        return records;
    }

    public void Dispose() => _initGate.Dispose();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken);
        if (_initialized)
        {
            return connection;
        }

        try
        {
            await _initGate.WaitAsync(cancellationToken);
            try
            {
                if (!_initialized)
                {
                    await using var create = connection.CreateCommand();
                    create.CommandText = Schema;
                    await create.ExecuteNonQueryAsync(cancellationToken);
                    _initialized = true;
                }
            }
            finally
            {
                _initGate.Release();
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    // Round-trip ("o") timestamps in UTC sort as text, so ORDER BY given_at is chronological.
    private static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static List<CitedSource> Sources(string json) => JsonSerializer.Deserialize<List<CitedSource>>(json) ?? [];
}
