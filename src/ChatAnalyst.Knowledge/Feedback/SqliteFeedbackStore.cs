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
            given_at        TEXT NOT NULL,
            matched_by      TEXT
        );
        CREATE INDEX IF NOT EXISTS ix_feedback_answer ON feedback(conversation_id, activity_id);
        """;

    private readonly SqliteConnectionFactory _connections;
    private readonly RunOnce _setUp = new();

    public SqliteFeedbackStore(SqliteConnectionFactory connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        _connections = connections;
    }

    /// <summary>The database file the tables are in: another store's transaction may write an answer only in the same file.</summary>
    public string DatabaseFile => _connections.DatabaseFile;

    /// <inheritdoc/>
    public async Task SaveAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        await using var connection = await OpenAsync(cancellationToken);
        await InsertAnswerAsync(connection, null, answer, cancellationToken);
    }

    /// <summary>Creates the tables when missing (once; the other methods do it on first use too).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (!_setUp.IsDone)
        {
            await (await OpenAsync(cancellationToken)).DisposeAsync();
        }
    }

    /// <summary>
    /// Writes <paramref name="answer"/> in a transaction someone else holds on this database (the bot state's write of
    /// the same turn), so both commit together or not at all. <see cref="InitializeAsync"/> must have run.
    /// </summary>
    public static async Task InsertAnswerAsync(SqliteConnection connection, SqliteTransaction? transaction, AnswerRecord answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(answer);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
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
    public Task<AnswerRecord?> FindAnswerAsync(string conversationId, string activityId, CancellationToken cancellationToken = default) =>
        FindOneAnswerAsync(
            "WHERE conversation_id = $conversation AND activity_id = $activity",
            [("$conversation", conversationId), ("$activity", activityId)],
            cancellationToken);

    /// <inheritdoc/>
    public Task<AnswerRecord?> FindLatestAnswerAsync(string conversationId, CancellationToken cancellationToken = default) =>
        // Saving an answer again replaces its row, so rowid breaks a tie between answers sent in the same instant.
        FindOneAnswerAsync(
            "WHERE conversation_id = $conversation ORDER BY answered_at DESC, rowid DESC LIMIT 1",
            [("$conversation", conversationId)],
            cancellationToken);

    private async Task<AnswerRecord?> FindOneAnswerAsync(string where, (string Name, string Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT conversation_id, activity_id, channel_id, question, answer, sources, answered_at FROM answers " + where;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
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
            ParseTimestamp(reader.GetString(6)));
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
            INSERT INTO feedback(conversation_id, activity_id, user_id, reaction, comment, question, answer, sources, answered_at, given_at, matched_by)
            VALUES ($conversation, $activity, $user, $reaction, $comment, $question, $answer, $sources, $answeredAt, $givenAt, $matchedBy)
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
        command.Parameters.AddWithValue("$matchedBy", stored.MatchedBy.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
        return stored;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FeedbackRecord>> ListFeedbackAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT conversation_id, activity_id, user_id, reaction, comment, question, answer, sources, answered_at, given_at, matched_by
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
                MatchedBy = MatchedBy(NullableString(reader, 10), reader.GetString(1)),
            });
        }

        return records;
    }

    public void Dispose() => _setUp.Dispose();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken);
        if (_setUp.IsDone)
        {
            return connection;
        }

        try
        {
            await _setUp.RunAsync(
                async token =>
                {
                    await using var create = connection.CreateCommand();
                    create.CommandText = Schema;
                    await create.ExecuteNonQueryAsync(token);
                    await AddMatchedByColumnAsync(connection, token);
                },
                cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    /// <summary>A feedback table made before <c>matched_by</c> existed gets the column; its rows read it as null.</summary>
    private static async Task AddMatchedByColumnAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('feedback') WHERE name = 'matched_by'";
        if (Convert.ToInt64(await columns.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
        {
            return;
        }

        await using var alter = connection.CreateCommand();
        alter.CommandText = "ALTER TABLE feedback ADD COLUMN matched_by TEXT";
        try
        {
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
        {
            // Another process (the bot and the CLI share the file) added it in the meantime.
        }
    }

    /// <summary>Rows stored before <c>matched_by</c> existed only ever named the message the client named, if any.</summary>
    private static FeedbackMatch MatchedBy(string? stored, string activityId) =>
        Enum.TryParse<FeedbackMatch>(stored, out var match) ? match
        : activityId.Length > 0 ? FeedbackMatch.ReplyToId : FeedbackMatch.None;

    // Round-trip ("o") timestamps in UTC sort as text, so ORDER BY given_at is chronological.
    private static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static List<CitedSource> Sources(string json) => JsonSerializer.Deserialize<List<CitedSource>>(json) ?? [];
}
