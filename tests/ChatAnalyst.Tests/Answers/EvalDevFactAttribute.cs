namespace ChatAnalyst.Tests.Answers;

/// <summary>
/// A test over <c>../shared/eval-dev</c> (beside the repository): the held-out news-article set. Where the folder is
/// absent the test is skipped with a message that says so, never passed silently.
/// </summary>
public sealed class EvalDevFactAttribute : FactAttribute
{
    public EvalDevFactAttribute()
    {
        if (!File.Exists(Path.Combine(Folder, "answers.jsonl")))
        {
            Skip = $"The held-out set ../shared/eval-dev is absent (looked in {Folder}); this evaluation did not run.";
        }
    }

    /// <summary>Where the set is expected: <c>shared/eval-dev</c> next to the repository root.</summary>
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, "..", "shared", "eval-dev"));
}
