using ChatAnalyst.Cli.Commands;
using ChatAnalyst.Tests.Knowledge;
using Spectre.Console;

namespace ChatAnalyst.Tests.Cli;

/// <summary>The progress bar <c>ingest</c> shows in a terminal, on an interactive console, over the real ingestion.</summary>
public sealed class IngestProgressTests : IDisposable
{
    private readonly KnowledgeWorkspace _kb = new();

    public void Dispose() => _kb.Dispose();

    [Fact]
    public async Task The_progress_bar_follows_every_file_to_done_and_the_removals_after_them()
    {
        _kb.Write("alpha.md", KnowledgeWorkspace.Markdown("Alpha", "Alpha sprocket output rose 3% in 2024."));
        var gone = _kb.Write("beta.md", KnowledgeWorkspace.Markdown("Beta", "Beta widget exports fell 2% in 2024."));
        await _kb.IngestAsync();
        File.Delete(gone);
        using var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(screen),
        });

        // The service's last report comes after the last file and names none; the bar must not fail on it.
        var summary = await IngestCommands.IngestWithProgressAsync(console, _kb.Ingestion(), [_kb.Articles], CancellationToken.None);

        Assert.Equal((0, 1, 1), (summary.Added, summary.Unchanged, summary.Removed));
        Assert.Contains("Done", screen.ToString(), StringComparison.Ordinal);
    }
}
