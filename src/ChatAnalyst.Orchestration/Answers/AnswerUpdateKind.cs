namespace ChatAnalyst.Orchestration.Answers;

/// <summary>What an <see cref="AnswerUpdate"/> carries.</summary>
public enum AnswerUpdateKind
{
    /// <summary>A piece of answer text as the model writes it, not yet checked by the grounding guard.</summary>
    Draft,

    /// <summary>The draft so far failed verification (or the model failed); drop it, the final answer replaces it.</summary>
    DraftDiscarded,

    /// <summary>The verified answer (or the offline fallback). Always the last update of a turn.</summary>
    Final,
}
