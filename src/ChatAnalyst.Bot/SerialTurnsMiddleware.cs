using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ChatAnalyst.Bot;

/// <summary>
/// Runs the turns of one conversation one after another; other conversations are not held up. A turn reads the
/// conversation's state, acts and writes it back, so two turns at once both act on what neither has written yet:
/// the Agents Playground and Teams announce a new bot with an installationUpdate and a conversationUpdate at the same
/// moment, and both turns saw "not welcomed yet" and welcomed. Invokes are not held: they answer a click (feedback)
/// within the channel's time limit and change no conversation state.
/// </summary>
public sealed class SerialTurnsMiddleware : Microsoft.Bot.Builder.IMiddleware
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var conversation = turnContext.Activity?.Conversation?.Id;
        if (string.IsNullOrEmpty(conversation) || turnContext.Activity!.Type == ActivityTypes.Invoke)
        {
            await next(cancellationToken);
            return;
        }

        var gate = Enter(conversation);
        try
        {
            await gate.Turn.WaitAsync(cancellationToken);
            try
            {
                await next(cancellationToken);
            }
            finally
            {
                gate.Turn.Release();
            }
        }
        finally
        {
            Leave(conversation, gate);
        }
    }

    private Gate Enter(string conversation)
    {
        lock (_gates)
        {
            if (!_gates.TryGetValue(conversation, out var gate))
            {
                gate = new Gate();
                _gates.Add(conversation, gate);
            }

            gate.Waiting++;
            return gate;
        }
    }

    /// <summary>The last turn of a conversation to leave removes its gate, so idle conversations cost nothing.</summary>
    private void Leave(string conversation, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Waiting == 0)
            {
                _gates.Remove(conversation);
                gate.Turn.Dispose();
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Waiting { get; set; }
    }
}
