using ChatAnalyst.Bot.Rendering;
using ChatAnalyst.Orchestration.Answers;
using Microsoft.Bot.Builder;

namespace ChatAnalyst.Bot.Bots;

/// <summary>
/// Streams a hosted model's answer into a Teams personal chat. Only text the grounding guard has accepted is shown
/// (<see cref="AnswerUpdateKind.Checked"/>: the answer up to its last complete sentence that passed); unverified
/// drafts are never sent. The final message carries the guarded answer with its citations, AI label, feedback loop
/// and follow-ups, and replaces whatever was streamed.
/// </summary>
public sealed class TeamsAnswerStreamer(AnswerOrchestrator orchestrator, AnswerRenderer renderer, TimeProvider time, ILogger<TeamsAnswerStreamer> logger)
{
    /// <summary>The informative update that opens every stream.</summary>
    public const string Informative = "Searching the knowledge base…";

    public async Task<SentAnswer> StreamAsync(ITurnContext turnContext, IReadOnlyList<ChatTurn> history, string question, ReplyChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var stream = new TeamsStream(turnContext, time, logger);
        await stream.StartAsync(Informative, cancellationToken);

        AnalystAnswer? answer = null;
        string? pending = null;
        await using var updates = orchestrator.StreamAsync(history, question, cancellationToken).GetAsyncEnumerator(cancellationToken);
        Task<bool>? next = null;
        while (true)
        {
            next ??= updates.MoveNextAsync().AsTask();

            // Checked text that arrives within a second of the last update waits for its slot, and only the newest
            // text goes out then (each update holds the whole answer so far); the final message makes the rest moot.
            if (pending is not null && stream.IsOpen && answer is null)
            {
                var wait = stream.NextUpdateAt - time.GetUtcNow();
                if (wait <= TimeSpan.Zero || (!next.IsCompleted && await Task.WhenAny(next, Task.Delay(wait, time, cancellationToken)) != next))
                {
                    await stream.UpdateAsync(pending, cancellationToken);
                    pending = null;
                    continue;
                }
            }

            if (!await next)
            {
                break;
            }

            next = null;
            var update = updates.Current;
            if (update.Kind == AnswerUpdateKind.Checked)
            {
                pending = update.Text;
            }
            else if (update.Kind == AnswerUpdateKind.Final)
            {
                answer = update.Answer;
            }
        }

        var reply = renderer.Render(answer ?? throw new InvalidOperationException("The answer stream ended without a final answer."), channel);
        reply.Id = Guid.NewGuid().ToString("N");
        return new SentAnswer(answer, await stream.FinishAsync(reply, cancellationToken));
    }
}
