using ChatAnalyst.Bot.Bots;
using ChatAnalyst.Bot.State;
using ChatAnalyst.Knowledge.Feedback;
using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Orchestration.Answers;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAnalyst.Tests.Storage;

/// <summary>
/// A turn's conversation state and its answer record are one SQLite transaction: both land or neither does; and when
/// the joined write fails, each is still written on its own as before (the record's trouble logged, the state's thrown).
/// </summary>
public sealed class JoinedWriteTests : IDisposable
{
    private const string Key = "msteams/conversations/c1";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatanalyst-joined", Guid.NewGuid().ToString("N"));
    private readonly SqliteConnectionFactory _connections;
    private readonly SqliteBotStorage _storage;
    private readonly SqliteFeedbackStore _answers;

    public JoinedWriteTests()
    {
        _connections = new SqliteConnectionFactory(Path.Combine(_folder, "state.db"));
        _storage = new SqliteBotStorage(_connections);
        _answers = new SqliteFeedbackStore(_connections);
    }

    [Fact]
    public async Task The_state_and_the_joined_rows_commit_together()
    {
        await _answers.InitializeAsync();
        var joined = Joined(Answer("m1"));
        using (JoinedWrite.Offer(joined))
        {
            await _storage.WriteAsync(State("first question"));
        }

        Assert.True(joined.Written);
        Assert.Equal("first question", (await ReadHistoryAsync())![0].Text);
        Assert.NotNull(await _answers.FindAnswerAsync("c1", "m1"));
    }

    [Fact]
    public async Task A_failing_joined_row_leaves_the_state_unwritten_too()
    {
        await _answers.InitializeAsync();
        await _storage.WriteAsync(State("before"));
        var joined = new JoinedWrite((connection, transaction, token) => throw new InvalidOperationException("the row could not be written"));
        using (JoinedWrite.Offer(joined))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => _storage.WriteAsync(State("after")));
        }

        Assert.False(joined.Written);
        Assert.Equal("before", (await ReadHistoryAsync())![0].Text);
    }

    [Fact]
    public async Task A_failing_state_write_leaves_the_joined_row_unwritten_too()
    {
        await _answers.InitializeAsync();
        await _storage.WriteAsync(new Dictionary<string, object> { ["thing"] = new StoredThing { Name = "v1" } });
        var stale = Assert.IsType<StoredThing>((await _storage.ReadAsync(["thing"]))["thing"]);
        await _storage.WriteAsync(new Dictionary<string, object> { ["thing"] = new StoredThing { Name = "v2", ETag = stale.ETag } });

        var joined = Joined(Answer("m1"));
        using (JoinedWrite.Offer(joined))
        {
            await Assert.ThrowsAsync<ArgumentException>(() => _storage.WriteAsync(new Dictionary<string, object> { ["thing"] = stale }));
        }

        Assert.False(joined.Written);
        Assert.Null(await _answers.FindAnswerAsync("c1", "m1"));
    }

    [Fact]
    public async Task A_turn_keeps_its_state_and_its_answer_record()
    {
        var recorder = new FeedbackRecorder(_answers, _storage, TimeProvider.System, NullLogger<FeedbackRecorder>.Instance);
        var state = new ConversationState(_storage);
        await TurnAsync(state, recorder, "m1", "first question");
        await TurnAsync(state, recorder, "m2", "second question");

        Assert.Equal(["first question", "second question"], (await ReadHistoryAsync())!.Select(t => t.Text));
        Assert.Equal("first question", (await _answers.FindAnswerAsync("c1", "m1"))?.Question);
        Assert.Equal("second question", (await _answers.FindAnswerAsync("c1", "m2"))?.Question);
    }

    [Fact]
    public async Task When_the_joined_write_fails_the_state_is_still_written_on_its_own()
    {
        var recorder = new FeedbackRecorder(_answers, _storage, TimeProvider.System, NullLogger<FeedbackRecorder>.Instance);
        var state = new ConversationState(_storage);
        await TurnAsync(state, recorder, "m1", "first question");

        // The answers table goes missing: the joined write fails, the record cannot be kept (logged), the state is.
        await using (var connection = await _connections.OpenAsync())
        {
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE answers";
            await drop.ExecuteNonQueryAsync();
        }

        await TurnAsync(state, recorder, "m2", "second question");

        Assert.Equal(["first question", "second question"], (await ReadHistoryAsync())!.Select(t => t.Text));
    }

    public void Dispose()
    {
        _storage.Dispose();
        _answers.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static AnswerRecord Answer(string activityId, string question = "q") =>
        new("c1", activityId, "msteams", question, "The answer [1].", [new CitedSource(1, "Title", "https://example.org/a")], DateTimeOffset.UtcNow);

    private static JoinedWrite Joined(AnswerRecord answer) =>
        new((connection, transaction, token) => SqliteFeedbackStore.InsertAnswerAsync(connection, transaction, answer, token));

    private static Dictionary<string, object> State(string question) => new()
    {
        [Key] = new Dictionary<string, object> { ["history"] = new List<ChatTurn> { new(ChatTurn.User, question) } },
    };

    private static async Task TurnAsync(ConversationState state, FeedbackRecorder recorder, string activityId, string question)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = "msteams",
            Conversation = new ConversationAccount { Id = "c1" },
            From = new ChannelAccount { Id = "user" },
            Recipient = new ChannelAccount { Id = "bot" },
            Text = question,
        };
        using var turn = new TurnContext(new NoReplies(), activity);
        var history = state.CreateProperty<List<ChatTurn>>("history");
        var turns = await history.GetAsync(turn, () => []);
        turns.Add(new ChatTurn(ChatTurn.User, question));
        await history.SetAsync(turn, turns);
        await recorder.SaveTurnAsync(turn, state, stateChanged: true, Answer(activityId, question), CancellationToken.None);
    }

    private async Task<List<ChatTurn>?> ReadHistoryAsync()
    {
        var items = await _storage.ReadAsync([Key]);
        var state = Assert.IsAssignableFrom<IDictionary<string, object>>(items[Key]);
        return state["history"] as List<ChatTurn>;
    }

    private sealed class NoReplies : BotAdapter
    {
        public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken) =>
            Task.FromResult(Array.Empty<ResourceResponse>());

        public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
