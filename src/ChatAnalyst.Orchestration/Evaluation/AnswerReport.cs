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
    IReadOnlyList<AnswerFailure> Failures);

/// <summary>A case the bot got wrong, with what it answered.</summary>
public sealed record AnswerFailure(string Id, string Question, string Reason, string Answer);
