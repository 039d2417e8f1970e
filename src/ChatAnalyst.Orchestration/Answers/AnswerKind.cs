namespace ChatAnalyst.Orchestration.Answers;

/// <summary>What kind of reply the orchestrator produced.</summary>
public enum AnswerKind
{
    /// <summary>A grounded answer with citations.</summary>
    Answer,

    /// <summary>The knowledge base does not support an answer; the text says what can be answered instead.</summary>
    Decline,

    /// <summary>The model failed or its answer did not pass the grounding guard; this is the offline extractive answer.</summary>
    Fallback,
}
