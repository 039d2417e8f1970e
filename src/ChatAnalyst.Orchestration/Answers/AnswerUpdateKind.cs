namespace ChatAnalyst.Orchestration.Answers;

/// <summary>What an <see cref="AnswerUpdate"/> carries.</summary>
public enum AnswerUpdateKind
{
    /// <summary>A piece of answer text as the model writes it, not yet checked by the grounding guard.</summary>
    Draft,

    /// <summary>
    /// The answer so far, up to its last complete sentence, accepted by the grounding guard and numbered as the final
    /// answer will be. Cumulative: each one holds the whole checked text, and later ones extend earlier ones unless a
    /// draft was discarded in between. This is the only text a channel may show before the final answer.
    /// </summary>
    Checked,

    /// <summary>The draft so far failed verification (or the model failed); drop it, the final answer replaces it.</summary>
    DraftDiscarded,

    /// <summary>The verified answer (or the offline fallback). Always the last update of a turn.</summary>
    Final,
}
