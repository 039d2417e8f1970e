using System.Text.Json;
using ChatAnalyst.Knowledge.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ChatAnalyst.Knowledge.Feedback;

/// <summary>
/// <see cref="IFeedbackStore"/> in PostgreSQL, shared by every instance on the database: the same two tables as
/// <see cref="SqliteFeedbackStore"/> (<c>answers</c>, <c>feedback</c>), with <c>timestamptz</c> times and <c>jsonb</c>
/// sources. Feedback given through one instance on an answer sent by another is tied to that answer.
/// </summary>
public sealed class PostgresFeedbackStore : IFeedbackStore, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS answers (
            conversation_id text        NOT NULL,
            activity_id     text        NOT NULL,
            channel_id      text        NOT NULL,
            question        text        NOT NULL,
            answer          text        NOT NULL,
            sources         jsonb       NOT NULL,
            answered_at     timestamptz NOT NULL,
            PRIMARY KEY (conversation_id, activity_id)
        );
        CREATE TABLE IF NOT EXISTS feedback (
            id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            conversation_id text        NOT NULL,
            activity_id     text        NOT NULL,
            user_id         text,
            reaction        text        NOT NULL,
            comment         text,
            question        text,
            answer          text,
            sources         jsonb       NOT NULL,
            answered_at     timestamptz,
            given_at        timestamptz NOT NULL,
            matched_by      text
        );
        ALTER TABLE feedback ADD COLUMN IF NOT EXISTS matched_by text;
        CREATE INDEX IF NOT EXISTS ix_answers_latest ON answers(conversation_id, answered_at DESC);
        CREATE INDEX IF NOT EXISTS ix_feedback_answer ON feedback(conversation_id, activity_id);
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly RunOnce _setUp = new();

    public PostgresFeedbackStore(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    /// <summary>Creates the tables when missing. Idempotent and safe when several instances start at once.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _setUp.RunAsync(token => PostgresMigrations.RunAsync(_dataSource, Schema, token), cancellationToken);

    /// <inheritdoc/>
    public async Task SaveAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO answers(conversation_id, activity_id, channel_id, question, answer, sources, answered_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (conversation_id, activity_id) DO UPDATE SET channel_id = excluded.channel_id,
                question = excluded.question, answer = excluded.answer, sources = excluded.sources, answered_at = excluded.answered_at
            """);
        command.Parameters.Add(Text(answer.ConversationId));
        command.Parameters.Add(Text(answer.ActivityId));
        command.Parameters.Add(Text(answer.ChannelId));
        command.Parameters.Add(Text(answer.Question));
        command.Parameters.Add(Text(answer.Answer));
        command.Parameters.Add(Json(answer.Sources));
        command.Parameters.Add(Time(answer.AnsweredAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public Task<AnswerRecord?> FindAnswerAsync(string conversationId, string activityId, CancellationToken cancellationToken = default) =>
        FindOneAnswerAsync("WHERE conversation_id = $1 AND activity_id = $2", [conversationId, activityId], cancellationToken);

    /// <inheritdoc/>
    public Task<AnswerRecord?> FindLatestAnswerAsync(string conversationId, CancellationToken cancellationToken = default) =>
        FindOneAnswerAsync("WHERE conversation_id = $1 ORDER BY answered_at DESC LIMIT 1", [conversationId], cancellationToken);

    private async Task<AnswerRecord?> FindOneAnswerAsync(string where, string[] values, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand(
            "SELECT conversation_id, activity_id, channel_id, question, answer, sources::text, answered_at FROM answers " + where);
        foreach (var value in values)
        {
            command.Parameters.Add(Text(value));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new AnswerRecord(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            Sources(reader.GetString(5)),
            reader.GetFieldValue<DateTimeOffset>(6));
    }

    /// <inheritdoc/>
    public async Task<FeedbackRecord> SaveFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var answer = feedback.ActivityId.Length == 0 ? null : await FindAnswerAsync(feedback.ConversationId, feedback.ActivityId, cancellationToken);
        var stored = answer is null
            ? feedback
            : feedback with { Question = answer.Question, Answer = answer.Answer, Sources = answer.Sources, AnsweredAt = answer.AnsweredAt };

        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO feedback(conversation_id, activity_id, user_id, reaction, comment, question, answer, sources, answered_at, given_at, matched_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """);
        command.Parameters.Add(Text(stored.ConversationId));
        command.Parameters.Add(Text(stored.ActivityId));
        command.Parameters.Add(Text(stored.UserId));
        command.Parameters.Add(Text(stored.Reaction));
        command.Parameters.Add(Text(stored.Comment));
        command.Parameters.Add(Text(stored.Question));
        command.Parameters.Add(Text(stored.Answer));
        command.Parameters.Add(Json(stored.Sources));
        command.Parameters.Add(Time(stored.AnsweredAt));
        command.Parameters.Add(Time(stored.GivenAt));
        command.Parameters.Add(Text(stored.MatchedBy.ToString()));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return stored;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FeedbackRecord>> ListFeedbackAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("""
            SELECT conversation_id, activity_id, user_id, reaction, comment, question, answer, sources::text, answered_at, given_at, matched_by
            FROM feedback ORDER BY given_at, id
            """);
        var records = new List<FeedbackRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new FeedbackRecord(reader.GetString(0), reader.GetString(1), reader.GetString(3), NullableString(reader, 4), reader.GetFieldValue<DateTimeOffset>(9))
            {
                UserId = NullableString(reader, 2),
                Question = NullableString(reader, 5),
                Answer = NullableString(reader, 6),
                Sources = Sources(reader.GetString(7)),
                AnsweredAt = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                MatchedBy = Enum.TryParse<FeedbackMatch>(NullableString(reader, 10), out var match) ? match
                    : reader.GetString(1).Length > 0 ? FeedbackMatch.ReplyToId : FeedbackMatch.None,
            });
        }

        return records;
    }

    public void Dispose() => _setUp.Dispose();

    // PostgreSQL text cannot hold NUL; a user's comment is kept with the character replaced rather than lost.
    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value?.Replace('\0', '\uFFFD') ?? DBNull.Value };

    private static NpgsqlParameter Json(IReadOnlyList<CitedSource> sources) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(sources) };

    // timestamptz stores UTC; Npgsql wants UTC offsets when writing one.
    private static NpgsqlParameter Time(DateTimeOffset? at) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = at is { } value ? value.ToUniversalTime() : DBNull.Value };

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static List<CitedSource> Sources(string json) => JsonSerializer.Deserialize<List<CitedSource>>(json) ?? [];
}
