using ChatAnalyst.Bot;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// The Agents Playground sends installationUpdate and conversationUpdate at the same moment; run side by side, both
/// turns read "not welcomed yet" and the user got two welcomes (found by the Playground test in tests/e2e).
/// </summary>
public sealed class SerialTurnsMiddlewareTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    private static TurnContext Turn(string conversation, string type = ActivityTypes.Message) =>
        new(new TestAdapter(), new Activity { Type = type, Conversation = new ConversationAccount(id: conversation) });

    /// <summary>Starts a turn that holds until <paramref name="release"/> completes; <paramref name="started"/> says when it began.</summary>
    private static Task HeldTurn(SerialTurnsMiddleware middleware, TurnContext turn, TaskCompletionSource started, Task release) =>
        middleware.OnTurnAsync(turn, async _ =>
        {
            started.TrySetResult();
            await release;
        });

    [Fact]
    public async Task A_second_turn_of_the_same_conversation_waits_for_the_first_to_finish()
    {
        var middleware = new SerialTurnsMiddleware();
        var release = new TaskCompletionSource();
        var firstStarted = new TaskCompletionSource();
        var secondStarted = new TaskCompletionSource();

        var first = HeldTurn(middleware, Turn("c1", ActivityTypes.InstallationUpdate), firstStarted, release.Task);
        await firstStarted.Task;
        var second = HeldTurn(middleware, Turn("c1", ActivityTypes.ConversationUpdate), secondStarted, Task.CompletedTask);
        await Task.Delay(Settle);
        var secondRanAlongside = secondStarted.Task.IsCompleted;
        release.SetResult();
        await Task.WhenAll(first, second);

        Assert.False(secondRanAlongside);
        Assert.True(secondStarted.Task.IsCompleted);
    }

    [Fact]
    public async Task Turns_of_other_conversations_and_invokes_are_not_held_up()
    {
        var middleware = new SerialTurnsMiddleware();
        var release = new TaskCompletionSource();
        var firstStarted = new TaskCompletionSource();
        var otherStarted = new TaskCompletionSource();
        var invokeStarted = new TaskCompletionSource();

        var first = HeldTurn(middleware, Turn("c1"), firstStarted, release.Task);
        await firstStarted.Task;
        var other = HeldTurn(middleware, Turn("c2"), otherStarted, Task.CompletedTask);
        var invoke = HeldTurn(middleware, Turn("c1", ActivityTypes.Invoke), invokeStarted, Task.CompletedTask);
        await Task.WhenAll(other, invoke).WaitAsync(TimeSpan.FromSeconds(10));
        release.SetResult();
        await first;

        Assert.True(otherStarted.Task.IsCompleted);
        Assert.True(invokeStarted.Task.IsCompleted);
    }

    [Fact]
    public async Task A_turn_that_throws_lets_the_next_turn_of_its_conversation_run()
    {
        var middleware = new SerialTurnsMiddleware();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            middleware.OnTurnAsync(Turn("c1"), _ => throw new InvalidOperationException("boom")));
        var ran = false;
        await middleware.OnTurnAsync(Turn("c1"), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        }).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(ran);
    }
}
