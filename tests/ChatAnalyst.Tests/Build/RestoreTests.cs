using System.Text.Json.Nodes;

namespace ChatAnalyst.Tests.Build;

/// <summary>
/// Restore output is part of what a new user sees: <c>dotnet run</c> prints every restore warning before the app's own
/// output, so a warning there breaks <c>ask --json | jq</c>. NuGet records each warning in the project's assets file.
/// </summary>
public sealed class RestoreTests
{
    [Fact]
    public void Restore_of_every_project_is_free_of_NU1603_version_substitutions()
    {
        var assets = Directory.GetDirectories(Path.Combine(TestPaths.RepoRoot, "src"))
            .Concat(Directory.GetDirectories(Path.Combine(TestPaths.RepoRoot, "tests")))
            .Select(project => Path.Combine(project, "obj", "project.assets.json"))
            .Where(File.Exists)
            .ToList();

        var warnings = assets
            .SelectMany(file => JsonNode.Parse(File.ReadAllText(file))?["logs"]?.AsArray() ?? [])
            .Where(log => (string?)log?["code"] == "NU1603")
            .Select(log => (string?)log?["message"])
            .Distinct()
            .ToList();

        Assert.Contains(assets, file => file.Contains("ChatAnalyst.Cli", StringComparison.Ordinal));
        Assert.True(
            warnings.Count == 0,
            "Pin these dependencies in Directory.Packages.props to a version the mirror serves:\n" + string.Join("\n", warnings));
    }
}
