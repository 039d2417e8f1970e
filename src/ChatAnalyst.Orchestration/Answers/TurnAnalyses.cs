using System.Runtime.CompilerServices;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>
/// The one <see cref="QuestionAnalysis"/> of each turn, keyed by the turn's chat history. The orchestrator analyses
/// the question once when the turn starts; the offline model (planner, reader, writer) reads it from here instead of
/// parsing the question again. Entries go when the turn's history is collected.
/// </summary>
public sealed class TurnAnalyses
{
    private readonly ConditionalWeakTable<ChatHistory, QuestionAnalysis> _analyses = [];

    public void Set(ChatHistory chat, QuestionAnalysis analysis) => _analyses.AddOrUpdate(chat, analysis);

    /// <summary>The analysis of the turn this history belongs to, if the orchestrator made one for this question.</summary>
    public QuestionAnalysis? Find(ChatHistory chat, string question) =>
        _analyses.TryGetValue(chat, out var analysis) && analysis.Text == question ? analysis : null;
}
