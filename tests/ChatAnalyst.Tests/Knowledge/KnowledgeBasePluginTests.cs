using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Plugins;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Tests.Knowledge;

[Collection(MiniLmCollectionDefinition.Name)]
public sealed class KnowledgeBasePluginTests(MiniLmFixture fixture) : IDisposable
{
    private readonly KnowledgeWorkspace _kb = new(fixture.Generator);

    public void Dispose() => _kb.Dispose();

    [Fact]
    public async Task A_folder_never_seen_before_is_answered_through_the_kernel_function()
    {
        await WriteMadeUpArticlesAsync();
        var kernel = KernelWithPlugin();

        var result = await kernel.InvokeAsync(KnowledgeBasePlugin.PluginName, "search_articles", new KernelArguments
        {
            ["query"] = "How much lutetium did Zorbonia refine?",
            ["top"] = 3,
        });

        var evidence = result.GetValue<ToolEvidence>()!;
        Assert.Equal("search_articles", evidence.Function);
        var first = evidence.Items[0];
        Assert.Equal(EvidenceKind.Passage, first.Kind);
        Assert.Equal("zorbonia/lutetium.md", first.Source.DocumentId);
        Assert.Equal("Zorbonia lutetium refining 2031", first.Source.Title);
        Assert.Equal("https://example.test/zorbonia-lutetium", first.Source.Url);
        Assert.Equal("Example Press", first.Source.Publisher);
        Assert.Equal(new DateOnly(2032, 2, 14), first.Source.Published);
        Assert.Contains("7,412 tonnes", first.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Date_range_limits_articles_by_publication_date()
    {
        await WriteMadeUpArticlesAsync();
        var kernel = KernelWithPlugin();

        var result = await kernel.InvokeAsync(KnowledgeBasePlugin.PluginName, "search_articles", new KernelArguments
        {
            ["query"] = "Zorbonia output",
            ["from"] = "2033-01-01",
            ["to"] = "2033-12-31",
        });

        var evidence = result.GetValue<ToolEvidence>()!;
        Assert.All(evidence.Items, i => Assert.Equal("zorbonia/ferries.md", i.Source.DocumentId));
        Assert.NotEmpty(evidence.Items);
    }

    [Theory]
    [InlineData("last spring", null)]
    [InlineData(null, "2024-13-45")]
    [InlineData("2025-01-01", "2024-01-01")]
    public async Task Bad_dates_are_a_sentence_for_the_model_not_an_exception(string? from, string? to)
    {
        await WriteMadeUpArticlesAsync();
        var plugin = new KnowledgeBasePlugin(_kb.Search);

        var evidence = await plugin.SearchArticlesAsync("lutetium", 5, from, to);

        Assert.Empty(evidence.Items);
        Assert.False(string.IsNullOrWhiteSpace(evidence.Message));
        Assert.EndsWith(".", evidence.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_found_is_reported_as_a_message()
    {
        var plugin = new KnowledgeBasePlugin(_kb.Search);

        var evidence = await plugin.SearchArticlesAsync("lutetium", 5);

        Assert.Empty(evidence.Items);
        Assert.Contains("No article passages", evidence.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_shared_by_neighbouring_chunks_are_sent_once()
    {
        // Thirty distinct sentences make several chunks; the chunker repeats a sentence where one chunk meets the next.
        var sentences = Enumerable.Range(1, 30).Select(i => $"In district {i} the Zorbonian kelp harvest reached {i * 37} tonnes, a record for that coast.").ToList();
        _kb.Write("zorbonia/kelp.md", KnowledgeWorkspace.Markdown("Zorbonia kelp harvest", string.Join('\n', sentences), published: "2032-05-01"));
        await _kb.IngestAsync();
        var chunks = (await _kb.Search.SearchAsync(new("Zorbonian kelp harvest district tonnes", Top: 10))).ToList();
        Assert.True(chunks.Count > 1);
        Assert.True(Sentences(chunks.Select(c => c.Text)).Count > Sentences(chunks.Select(c => c.Text)).Distinct().Count(), "the chunks should overlap");

        var result = await KernelWithPlugin().InvokeAsync(KnowledgeBasePlugin.PluginName, "search_articles", new KernelArguments
        {
            ["query"] = "Zorbonian kelp harvest district tonnes",
            ["top"] = 10,
        });

        var sent = Sentences(result.GetValue<ToolEvidence>()!.Items.Select(i => i.Text));
        Assert.Equal(sent.Distinct().Count(), sent.Count);
        Assert.Equal(Sentences(chunks.Select(c => c.Text)).Distinct().Order(StringComparer.Ordinal), sent.Order(StringComparer.Ordinal));
    }

    // Every sentence of the test article ends with "coast."; splitting there keeps the check independent of the chunker.
    private static List<string> Sentences(IEnumerable<string> texts) =>
        texts.SelectMany(t => t.Split("coast.", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();

    private Kernel KernelWithPlugin()
    {
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(new KnowledgeBasePlugin(_kb.Search), KnowledgeBasePlugin.PluginName);
        return kernel;
    }

    private async Task WriteMadeUpArticlesAsync()
    {
        _kb.Write("zorbonia/lutetium.md", KnowledgeWorkspace.Markdown(
            "Zorbonia lutetium refining 2031",
            "## Key figures\n\nZorbonia refined 7,412 tonnes of lutetium in 2031, up 13.7% year on year. The Vellmark smelter produced 61% of the total.",
            published: "2032-02-14",
            source: "https://example.test/zorbonia-lutetium"));
        _kb.Write("zorbonia/ferries.md", KnowledgeWorkspace.Markdown(
            "Zorbonia ferry traffic 2032",
            "Zorbonian ferries carried 3.9 million passengers in 2032. Output of the ferry yards doubled.",
            published: "2033-03-01"));
        _kb.Write("weather.txt", "Rainfall review\n\nRainfall in the northern valleys was 12% below normal.");
        var summary = await _kb.IngestAsync();
        Assert.Equal(3, summary.Added);
    }
}
