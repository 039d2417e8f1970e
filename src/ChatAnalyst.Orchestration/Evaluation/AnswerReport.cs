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
    /// Share of answerable cases whose retrieved evidence holds an accepted answer in a cited article, its sentences
    /// taken together, a comparison's gap worked out from two of its numbers (<see cref="AnswerCase.IsHeldBy"/>);
    /// null as above.
    /// </summary>
    public double? ContextRecall { get; init; }

    /// <summary>The stricter share whose evidence holds an accepted answer in one sentence (a candidate the reader may quote as is); null as above.</summary>
    public double? SentenceRecall { get; init; }

    /// <summary>The answerable cases whose evidence held no accepted answer (what context recall counts against).</summary>
    public IReadOnlyList<ContextMiss> ContextMisses { get; init; } = [];
}

/// <summary>
/// An answerable case whose evidence held no accepted answer. <paramref name="Candidates"/> is how many candidates the
/// reader scored; 0 when it declined before scoring any (nothing retrieved, or the question judged to be about
/// something the evidence does not cover), so the evidence was never weighed.
/// </summary>
public sealed record ContextMiss(string Id, string Question, int Candidates);

/// <summary>A case the bot got wrong, with what it answered.</summary>
public sealed record AnswerFailure(string Id, string Question, string Reason, string Answer);
