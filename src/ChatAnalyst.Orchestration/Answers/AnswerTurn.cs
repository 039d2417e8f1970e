using System.Threading.Channels;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Safety;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>
/// The state of one question being answered: the chat sent to the model, the numbered evidence, the model usage,
/// and, when the caller streams, where draft text goes: unverified as it is written, and as far as the grounding guard
/// accepts it once a sentence is complete (when a <paramref name="checker"/> is given).
/// </summary>
internal sealed class AnswerTurn(ChatHistory chat, CitationLedger ledger, ChannelWriter<AnswerUpdate>? drafts, DraftChecker? checker = null)
{
    private bool _drafted;

    public ChatHistory Chat { get; } = chat;

    /// <summary>Where the user's question sits in <see cref="Chat"/>: everything after it belongs to this turn.</summary>
    public int QuestionIndex { get; } = chat.Count - 1;

    public CitationLedger Ledger { get; } = ledger;

    public TurnUsage Usage { get; } = new();

    /// <summary>
    /// How many messages right after the question hold the searches run before the model's first round (the call
    /// message and one result per call); 0 when none were run.
    /// </summary>
    public int PrefetchedMessages { get; set; }

    /// <summary>Decides which of the model's tool calls run, and counts them against the turn's budget.</summary>
    public required ToolCallGate Gate { get; init; }

    /// <summary>What the user wrote in this conversation up to and including the question (not the bot's retry instructions).</summary>
    public string UserText => string.Join('\n', Chat.Take(QuestionIndex + 1).Where(m => m.Role == AuthorRole.User).Select(m => m.Content));

    /// <summary>What the question asks, analysed once when the turn began.</summary>
    public QuestionAnalysis? Analysis { get; set; }

    /// <summary>The conversation's earlier questions, oldest first (follow-up suggestions never repeat one).</summary>
    public IReadOnlyList<string> EarlierQuestions { get; init; } = [];

    /// <summary>The streamed text the answer policy accepted so far (the best answer so far), or null.</summary>
    public string? AcceptedDraft => checker?.Accepted;

    /// <summary>True when the caller wants the answer text as it is written.</summary>
    public bool Streams => drafts is not null;

    public void Draft(string? delta)
    {
        if (drafts is null || string.IsNullOrEmpty(delta))
        {
            return;
        }

        drafts.TryWrite(AnswerUpdate.Draft(delta));
        _drafted = true;
        if (checker?.Add(delta) is { } text)
        {
            drafts.TryWrite(AnswerUpdate.Checked(text));
        }
    }

    /// <summary>Tells the caller to drop the draft shown so far; a no-op when nothing was drafted.</summary>
    public void DiscardDraft()
    {
        checker?.Reset();
        if (_drafted)
        {
            drafts!.TryWrite(AnswerUpdate.DraftDiscarded);
            _drafted = false;
        }
    }
}
