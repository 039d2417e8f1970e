namespace ChatAnalyst.Tests;

/// <summary>Locates the repository (the folder holding ChatAnalyst.sln) and the files copied beside the tests.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The sample knowledge folder, <c>knowledge/</c> at the repo root.</summary>
    public static string Knowledge => Path.Combine(RepoRoot, "knowledge");

    /// <summary>An evaluation file; the test project copies <c>tests/eval/**</c> to <c>eval/</c> in its output.</summary>
    public static string Eval(string fileName)
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "eval", fileName);
        return File.Exists(copied) ? copied : Path.Combine(RepoRoot, "tests", "eval", fileName);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatAnalyst.sln")))
            {
                return dir.FullName;
            }
        }

        return Environment.GetEnvironmentVariable("CHATANALYST_REPO_ROOT")
            ?? throw new InvalidOperationException("ChatAnalyst.sln not found above " + AppContext.BaseDirectory);
    }
}
