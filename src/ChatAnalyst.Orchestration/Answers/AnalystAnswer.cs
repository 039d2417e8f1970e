using ChatAnalyst.Orchestration.Evidence;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>The answer model the bot and the CLI render: text with <c>[n]</c> markers, the numbered sources, follow-ups.</summary>
public sealed record AnalystAnswer(string Text, IReadOnlyList<Citation> Citations, IReadOnlyList<string> FollowUps)
{
    public AnswerKind Kind { get; init; } = AnswerKind.Answer;

    /// <summary>
    /// Every numbered item the turn's tools returned, cited or not: the evidence a model answering the question was
    /// given (the evaluator's context recall reads it).
    /// </summary>
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];

    /// <summary>Charts the tools rendered for this answer.</summary>
    public IReadOnlyList<ChartImage> Charts { get; init; } = [];

    /// <summary>Which model produced the text ("offline", or the provider's model id).</summary>
    public string Model { get; init; } = "offline";

    /// <summary>Calls made to the configured chat model this turn (tool rounds, the answer, a grounding retry), failed ones included.</summary>
    public int ModelRoundTrips { get; init; }

    /// <summary>Prompt tokens the configured model reported for this turn, summed over its round-trips; 0 when it reports none (offline).</summary>
    public int PromptTokens { get; init; }

    /// <summary>Completion tokens the configured model reported for this turn, summed over its round-trips.</summary>
    public int CompletionTokens { get; init; }

    /// <summary>Tool calls run for this answer (calls the <see cref="Safety.ToolCallGate"/> refused are not counted).</summary>
    public int ToolCalls { get; init; }
}
