using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Tests.Knowledge;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Tests.Cli;

/// <summary><c>chatanalyst ingest</c> run as a program on its own folder and database.</summary>
public sealed partial class CliIngestTests : IDisposable
{
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "chatanalyst-cli-ingest", Guid.NewGuid().ToString("N"))).FullName;

    private string Articles => Path.Combine(_root, "articles");

    private string Database => Path.Combine(_root, "kb.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [Fact]
    public async Task Ingest_on_a_fresh_database_prints_the_summary_and_exits_0_then_applies_a_deletion()
    {
        Write("alpha.md", KnowledgeWorkspace.Markdown("Alpha", "Alpha sprocket output rose 3% in 2024."));
        Write("beta.md", KnowledgeWorkspace.Markdown("Beta", "Beta widget exports fell 2% in 2024."));

        var first = await IngestAsync();
        File.Delete(Path.Combine(Articles, "beta.md"));
        var second = await IngestAsync();

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(["2", "0", "0", "0", "0"], SummaryRow(first.Stdout)[..5]);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["0", "0", "1", "1", "0"], SummaryRow(second.Stdout)[..5]);
        Assert.Equal(["alpha.md"], await StoredDocumentIdsAsync());
    }

    [Fact]
    public async Task A_file_that_cannot_be_decoded_is_named_on_standard_error_and_the_exit_code_is_1()
    {
        Write("alpha.md", KnowledgeWorkspace.Markdown("Alpha", "Alpha sprocket output rose 3% in 2024."));
        Write("corrupt.pdf", "%PDF-1.7\nthis is not really a pdf\n%%EOF");

        var result = await IngestAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(["1", "0", "0", "0", "1"], SummaryRow(result.Stdout)[..5]);
        Assert.Contains("warning: " + Path.Combine(Articles, "corrupt.pdf") + ": ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["alpha.md"], await StoredDocumentIdsAsync());
    }

    private Task<CliResult> IngestAsync() =>
        CliProcess.RunAsync(_root, null, "ingest", Articles, "--set", "ChatAnalyst:Knowledge:Database=" + Database);

    private void Write(string name, string content)
    {
        Directory.CreateDirectory(Articles);
        File.WriteAllText(Path.Combine(Articles, name), content);
    }

    /// <summary>The cells of the summary table's one data row: added, updated, unchanged, removed, failed, chunks, seconds.</summary>
    private static string[] SummaryRow(string stdout)
    {
        var lines = stdout.Split('\n');
        var header = Array.FindIndex(lines, l => l.Contains("added", StringComparison.Ordinal) && l.Contains("removed", StringComparison.Ordinal));
        Assert.True(header >= 0, "no summary table in:\n" + stdout);
        return Cells().Matches(lines[header + 2]).Select(m => m.Value).ToArray();
    }

    private async Task<IReadOnlyList<string>> StoredDocumentIdsAsync()
    {
        using var index = new SqliteKnowledgeIndex(new SqliteConnectionFactory(Database), new ChineseSegmenter());
        return (await index.ListDocumentsAsync()).Select(d => d.Id).ToList();
    }

    [GeneratedRegex(@"[0-9]+(\.[0-9]+)?")]
    private static partial Regex Cells();
}
