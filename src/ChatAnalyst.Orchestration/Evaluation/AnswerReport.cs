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

    /// <summary>Share of answerable cases whose retrieved evidence holds an accepted answer in a cited article; null as above.</summary>
    public double? ContextRecall { get; init; }
}

/// <summary>A case the bot got wrong, with what it answered.</summary>
public sealed record AnswerFailure(string Id, string Question, string Reason, string Answer);
