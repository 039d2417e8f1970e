namespace ChatAnalyst.Orchestration.Answers;

/// <summary>
/// One step of a streamed answer. Drafts arrive while the model writes; they are unverified and use the turn's raw
/// <c>[n]</c> numbers, so a channel never shows them. <see cref="AnswerUpdateKind.Checked"/> updates carry the part
/// of the draft the grounding guard accepted, and the single <see cref="AnswerUpdateKind.Final"/> update's
/// <see cref="Answer"/> replaces whatever was shown.
/// </summary>
public sealed record AnswerUpdate
{
    private AnswerUpdate(AnswerUpdateKind kind, string text, AnalystAnswer? answer)
    {
        Kind = kind;
        Text = text;
        Answer = answer;
    }

    public AnswerUpdateKind Kind { get; }

    /// <summary>
    /// For <see cref="AnswerUpdateKind.Draft"/>: the text added since the previous draft update; for
    /// <see cref="AnswerUpdateKind.Checked"/>: the whole checked text so far.
    /// </summary>
    public string Text { get; }

    /// <summary>For <see cref="AnswerUpdateKind.Final"/>: the answer to show.</summary>
    public AnalystAnswer? Answer { get; }

    public static AnswerUpdate Draft(string delta) => new(AnswerUpdateKind.Draft, delta, null);

    public static AnswerUpdate Checked(string text) => new(AnswerUpdateKind.Checked, text, null);

    public static AnswerUpdate DraftDiscarded { get; } = new(AnswerUpdateKind.DraftDiscarded, string.Empty, null);

    public static AnswerUpdate Final(AnalystAnswer answer) => new(AnswerUpdateKind.Final, string.Empty, answer ?? throw new ArgumentNullException(nameof(answer)));
}
