namespace ChatAnalyst.Orchestration.Evaluation;

/// <summary>What <c>chatanalyst eval answers</c> prints.</summary>
public sealed record AnswerReport(
    int Cases,
    double Accuracy,
    double CitationMatch,
    double RefusalAccuracy,
    int FalseRefusals,
    int UnsupportedNumbers,
    double LatencyP50Ms,
    double LatencyP95Ms,
    IReadOnlyList<AnswerFailure> Failures)
{
    /// <summary>
    /// Accuracy of the naive baseline on the same cases: the retrieved sentence with the highest similarity plus
    /// 0.3 × term coverage, quoted as is (it never declines). Null when the offline reader's traces were not available.
    /// </summary>
    public double? BaselineAccuracy { get; init; }

    /// <summary>
    /// Share of answerable cases whose evidence — every item the turn's tools returned, what a model answering was given
    /// (<see cref="Answers.AnalystAnswer.Evidence"/>) — holds an accepted answer in a cited article, its passages taken
    /// together, a comparison's gap worked out from two of its numbers (<see cref="AnswerCase.IsHeldBy"/>). Null only in
    /// reports built by hand.
    /// </summary>
    public double? ContextRecall { get; init; }

    /// <summary>
    /// The stricter share for which one sentence the offline reader scored holds a whole accepted answer (a candidate it
    /// could quote as is); a turn the reader declined before scoring counts as a miss. Null without the reader's traces.
    /// </summary>
    public double? SentenceRecall { get; init; }

    /// <summary>The answerable cases whose evidence held no accepted answer (what context recall counts against).</summary>
    public IReadOnlyList<ContextMiss> ContextMisses { get; init; } = [];
}

/// <summary>An answerable case whose evidence held no accepted answer, with how many evidence items the turn gathered.</summary>
public sealed record ContextMiss(string Id, string Question, int EvidenceItems);

/// <summary>A case the bot got wrong, with what it answered.</summary>
public sealed record AnswerFailure(string Id, string Question, string Reason, string Answer);
