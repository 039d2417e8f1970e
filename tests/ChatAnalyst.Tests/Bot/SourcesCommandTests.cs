using ChatAnalyst.Bot.Bots;
using ChatAnalyst.Tests.Knowledge;

namespace ChatAnalyst.Tests.Bot;

public sealed class SourcesCommandTests : IDisposable
{
    private readonly KnowledgeWorkspace _kb = new();

    public void Dispose() => _kb.Dispose();

    [Fact]
    public async Task Sources_lists_every_document_newest_first_with_its_link_publisher_and_date()
    {
        _kb.Write("old.md", KnowledgeWorkspace.Markdown("An older note", "Body.", "2023-05-01"));
        _kb.Write("new.md", KnowledgeWorkspace.Markdown("A newer [draft] note", "Body.", "2025-01-17"));
        _kb.Write("local.md", KnowledgeWorkspace.Markdown("A local note", "Body.", "2024-02-01", source: "/srv/notes/local.md"));
        await _kb.IngestAsync();

        var text = (await new SourcesCommand(_kb.Index).ReplyAsync(CancellationToken.None)).Text;

        Assert.StartsWith("**The knowledge base: 3 documents**", text, StringComparison.Ordinal);
        Assert.Contains("1. [A newer \\[draft\\] note](https://example.test/a-newer-%5Bdraft%5D-note) — Example Press, 17 Jan 2025", text, StringComparison.Ordinal);
        Assert.Contains("2. A local note — Example Press, 1 Feb 2024", text, StringComparison.Ordinal);
        Assert.Contains("3. [An older note](https://example.test/an-older-note) — Example Press, 1 May 2023", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_of_a_long_list_stops_at_the_limit_and_says_how_many_more()
    {
        for (var i = 0; i < SourcesCommand.MaxListed + 4; i++)
        {
            _kb.Write($"n{i:D2}.md", KnowledgeWorkspace.Markdown($"Note {i:D2}", "Body.", "2024-01-01"));
        }

        await _kb.IngestAsync();

        var text = (await new SourcesCommand(_kb.Index).ReplyAsync(CancellationToken.None)).Text;

        Assert.Contains($"{SourcesCommand.MaxListed}. ", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"\n\n{SourcesCommand.MaxListed + 1}. ", text, StringComparison.Ordinal);
        Assert.Contains("…and 4 more", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_of_an_empty_knowledge_base_says_so()
    {
        var text = (await new SourcesCommand(_kb.Index).ReplyAsync(CancellationToken.None)).Text;

        Assert.Contains("no documents yet", text, StringComparison.Ordinal);
    }
}
