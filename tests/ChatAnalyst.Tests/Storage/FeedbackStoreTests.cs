using ChatAnalyst.Knowledge.Feedback;

namespace ChatAnalyst.Tests.Storage;

/// <summary>The feedback store on SQLite and on PostgreSQL: answers and feedback go in and come back whole.</summary>
public sealed class FeedbackStoreTests
{
    private static readonly DateTimeOffset AnsweredAt = new(2026, 3, 1, 9, 30, 15, 123, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task Feedback_on_a_stored_answer_comes_back_with_that_answer_copied_in(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider);
        var sources = new List<CitedSource> { new(1, "First report", "https://example.org/one"), new(2, "Second", "https://example.org/two") };
        await backend.OpenFeedbackStore().SaveAnswerAsync(new AnswerRecord("conv-1", "act-1", "msteams", "What was it?", "It was 5 [1].", sources, AnsweredAt));

        // Another instance on the same database takes the reaction.
        var other = backend.OpenFeedbackStore();
        await other.SaveFeedbackAsync(new FeedbackRecord("conv-1", "act-1", "dislike", "Out of date.", AnsweredAt.AddMinutes(2)) { UserId = "u-1" });
        await other.SaveFeedbackAsync(new FeedbackRecord("conv-1", "unknown", "like", null, AnsweredAt.AddMinutes(3)));

        var records = await backend.OpenFeedbackStore().ListFeedbackAsync();

        Assert.Equal(2, records.Count);
        var first = records[0];
        Assert.Equal(("conv-1", "act-1", "dislike", "Out of date.", "u-1"), (first.ConversationId, first.ActivityId, first.Reaction, first.Comment, first.UserId));
        Assert.Equal("What was it?", first.Question);
        Assert.Equal("It was 5 [1].", first.Answer);
        Assert.Equal(sources, first.Sources);
        Assert.Equal(AnsweredAt, first.AnsweredAt);
        Assert.Equal(AnsweredAt.AddMinutes(2), first.GivenAt);
        Assert.Null(records[1].Question);
        Assert.Null(records[1].Comment);
        Assert.Empty(records[1].Sources);
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task A_stored_answer_is_found_by_conversation_and_activity_and_replaced_when_sent_again(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider);
        var store = backend.OpenFeedbackStore();
        await store.SaveAnswerAsync(new AnswerRecord("c", "a", "emulator", "q", "first", [], AnsweredAt));
        await store.SaveAnswerAsync(new AnswerRecord("c", "a", "emulator", "q", "second", [], AnsweredAt));

        var found = await store.FindAnswerAsync("c", "a");

        Assert.Equal("second", found?.Answer);
        Assert.Null(await store.FindAnswerAsync("c", "other"));
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task The_latest_answer_of_a_conversation_is_found_and_feedback_keeps_how_it_was_matched(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider);
        var store = backend.OpenFeedbackStore();
        await store.SaveAnswerAsync(new AnswerRecord("c", "a2", "msteams", "second", "2", [], AnsweredAt.AddMinutes(2)));
        await store.SaveAnswerAsync(new AnswerRecord("c", "a1", "msteams", "first", "1", [], AnsweredAt.AddMinutes(1)));
        await store.SaveAnswerAsync(new AnswerRecord("other", "a9", "msteams", "elsewhere", "9", [], AnsweredAt.AddMinutes(9)));

        var latest = await store.FindLatestAnswerAsync("c");
        await store.SaveFeedbackAsync(new FeedbackRecord("c", latest!.ActivityId, "like", null, AnsweredAt.AddMinutes(5)) { MatchedBy = FeedbackMatch.LatestAnswer });

        Assert.Equal("a2", latest.ActivityId);
        Assert.Null(await store.FindLatestAnswerAsync("nobody"));
        var stored = Assert.Single(await backend.OpenFeedbackStore().ListFeedbackAsync());
        Assert.Equal((FeedbackMatch.LatestAnswer, "second"), (stored.MatchedBy, stored.Question));
    }
}
