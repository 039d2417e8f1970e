using ChatAnalyst.Orchestration.Evaluation;
using Microsoft.Extensions.Hosting;

namespace ChatAnalyst.Cli.Bench;

/// <summary>
/// The questions the bench asks of the sample knowledge base: the first questions of the answer evaluation set that
/// stand alone (no history), kinds mixed as the set mixes them. Timing needs realistic questions, not tuned ones.
/// </summary>
internal static class BenchQuestions
{
    private const int Count = 24;

    public static IReadOnlyList<string> Load(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var file = Path.Combine(environment.ContentRootPath, "tests", "eval", "answers.jsonl");
        if (!File.Exists(file))
        {
            throw new IOException($"The bench asks the questions of '{file}', which is missing.");
        }

        return AnswerEvaluator.Load(file)
            .Where(c => c.History.Count == 0)
            .Select(c => c.Question)
            .Distinct(StringComparer.Ordinal)
            .Take(Count)
            .ToList();
    }
}
