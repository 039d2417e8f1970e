using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ChatAnalyst.Orchestration.Offline;

/// <summary>What the offline model reads from a chat history: the question, earlier questions, and this turn's tool results.</summary>
public sealed class OfflineConversation
{
    private readonly IReadOnlyDictionary<string, ToolEvidence> _resultsByCall;

    private OfflineConversation(string question, IReadOnlyList<string> earlierQuestions, IReadOnlyList<FunctionCallContent> calls, IReadOnlyList<ToolEvidence> results, IReadOnlyDictionary<string, ToolEvidence> resultsByCall)
    {
        Question = question;
        Analysis = null!;
        EarlierQuestions = earlierQuestions;
        Calls = calls;
        Results = results;
        _resultsByCall = resultsByCall;
    }

    /// <summary>The user's latest message.</summary>
    public string Question { get; }

    /// <summary>What the question asks (intent, subject, period, follow-up context); set by <see cref="From"/>.</summary>
    public QuestionAnalysis Analysis { get; private init; }

    /// <summary>Earlier user messages, oldest first.</summary>
    public IReadOnlyList<string> EarlierQuestions { get; }

    /// <summary>Tool calls already made this turn.</summary>
    public IReadOnlyList<FunctionCallContent> Calls { get; }

    /// <summary>Tool results of this turn, in call order.</summary>
    public IReadOnlyList<ToolEvidence> Results { get; }

    /// <summary>The result of one of this turn's calls, or null when it has none (yet).</summary>
    public ToolEvidence? ResultOf(FunctionCallContent call) =>
        call?.Id is { } id && _resultsByCall.TryGetValue(id, out var result) ? result : null;

    /// <param name="history">The chat history the model was called with.</param>
    /// <param name="analyse">Reads the question given the earlier ones (<see cref="QuestionAnalysis.Analyze"/>, possibly remembered).</param>
    public static OfflineConversation From(ChatHistory history, Func<string, IReadOnlyList<string>, QuestionAnalysis> analyse)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(analyse);
        var lastUser = -1;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (history[i].Role == AuthorRole.User)
            {
                lastUser = i;
                break;
            }
        }

        var question = lastUser >= 0 ? history[lastUser].Content ?? string.Empty : string.Empty;
        var earlier = history.Take(Math.Max(lastUser, 0))
            .Where(m => m.Role == AuthorRole.User && !string.IsNullOrWhiteSpace(m.Content))
            .Select(m => m.Content!)
            .ToList();
        var turn = history.Skip(lastUser + 1).ToList();
        var calls = turn.SelectMany(m => m.Items.OfType<FunctionCallContent>()).ToList();
        // The orchestrator hands tool results over as objects; the offline model reads nothing else.
        var returned = turn.SelectMany(m => m.Items.OfType<FunctionResultContent>()).ToList();
        var results = returned.Select(r => r.Result).OfType<ToolEvidence>().ToList();
        var byCall = new Dictionary<string, ToolEvidence>(StringComparer.Ordinal);
        foreach (var r in returned)
        {
            if (r.CallId is { } id && r.Result is ToolEvidence evidence)
            {
                byCall[id] = evidence;
            }
        }

        return new OfflineConversation(question, earlier, calls, results, byCall) { Analysis = analyse(question, earlier) };
    }
}
