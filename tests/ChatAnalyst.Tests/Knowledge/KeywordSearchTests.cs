using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Storage;

namespace ChatAnalyst.Tests.Knowledge;

public sealed class KeywordSearchTests : IDisposable
{
    private readonly KnowledgeWorkspace _kb = new(glossary: new BilingualGlossary([new("造船", "shipbuilding"), new("完工量", "completions")]));

    public void Dispose() => _kb.Dispose();

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unbalanced quote shipbuilding")]
    [InlineData("shipbuilding AND OR NOT")]
    [InlineData("NEAR(shipbuilding orders, 2)")]
    [InlineData("title:shipbuilding")]
    [InlineData("ship* ^orders -completions +x")]
    [InlineData("'); DROP TABLE documents; --")]
    [InlineData("((( )))")]
    [InlineData("shipbuilding\0orders")]
    [InlineData("{col1 col2}: orders")]
    [InlineData("😀 🚢 orders")]
    [InlineData("造船 \"完工量\" OR")]
    public async Task Hostile_query_text_is_searched_literally_without_errors(string query)
    {
        await IngestShipbuildingAsync();

        var keyword = await _kb.Search.SearchAsync(new SearchRequest(query) { Mode = SearchMode.Keyword });
        var hybrid = await _kb.Search.SearchAsync(new SearchRequest(query));

        Assert.NotNull(keyword);
        Assert.NotNull(hybrid);
        Assert.Equal(2, (await _kb.Index.GetCountsAsync()).Documents);
    }

    [Fact]
    public async Task Operator_words_in_a_query_are_plain_words()
    {
        await IngestShipbuildingAsync();

        // As FTS5 syntax "orders NOT completions" would exclude the article; as plain words it must still find it.
        var passages = await _kb.Search.SearchAsync(new SearchRequest("orders NOT completions") { Mode = SearchMode.Keyword });

        Assert.Equal("ships.md", passages[0].DocumentId);
    }

    [Fact]
    public async Task Index_receives_quoted_terms_only()
    {
        Assert.Equal("\"a\"\"b\" OR \"NEAR\" OR \"x*\"", FtsQuery.AnyOf(["a\"b", "NEAR", "x*", "  ", "%%"]));
        await IngestShipbuildingAsync();

        var hits = await _kb.Index.KeywordSearchAsync(["\"", "*", "AND", "shipbuilding"], KnowledgeFilter.None, 10);

        Assert.Equal("ships.md", hits[0].DocumentId);
    }

    [Fact]
    public async Task Misspelt_words_are_corrected_against_the_indexed_vocabulary()
    {
        await IngestShipbuildingAsync();

        var passages = await _kb.Search.SearchAsync(new SearchRequest("shipbuidling complettions") { Mode = SearchMode.Keyword });

        Assert.NotEmpty(passages);
        Assert.Equal("ships.md", passages[0].DocumentId);
    }

    [Fact]
    public async Task Chinese_query_reaches_an_english_article_through_the_glossary_in_keyword_search()
    {
        await IngestShipbuildingAsync();

        var passages = await _kb.Search.SearchAsync(new SearchRequest("2024年造船完工量") { Mode = SearchMode.Keyword });

        Assert.NotEmpty(passages);
        Assert.Equal("ships.md", passages[0].DocumentId);
    }

    [Fact]
    public async Task Chinese_article_text_is_segmented_so_chinese_words_match()
    {
        _kb.Write("zh.md", KnowledgeWorkspace.Markdown("机器人报告", "2023年中国工业机器人密度达到每万名工人470台，超过德国。"));
        _kb.Write("en.md", KnowledgeWorkspace.Markdown("Wind report", "Wind capacity rose."));
        await _kb.IngestAsync();

        var passages = await _kb.Search.SearchAsync(new SearchRequest("机器人密度") { Mode = SearchMode.Keyword });

        Assert.Equal("zh.md", Assert.Single(passages).DocumentId);
    }

    [Fact]
    public async Task Date_and_tag_filters_restrict_results_and_exclude_undated_articles_from_date_ranges()
    {
        _kb.Write("old.md", KnowledgeWorkspace.Markdown("Old turbines", "Turbine output rose.", published: "2023-06-01", tags: "[energy]"));
        _kb.Write("new.md", KnowledgeWorkspace.Markdown("New turbines", "Turbine output fell.", published: "2025-02-01", tags: "[energy, wind]"));
        _kb.Write("undated.md", KnowledgeWorkspace.Markdown("Undated turbines", "Turbine output flat."));
        await _kb.IngestAsync();

        foreach (var mode in new[] { SearchMode.Keyword, SearchMode.Dense, SearchMode.Hybrid })
        {
            var from2024 = await _kb.Search.SearchAsync(new SearchRequest("turbine output", From: new DateOnly(2024, 1, 1)) { Mode = mode });
            var until2024 = await _kb.Search.SearchAsync(new SearchRequest("turbine output", To: new DateOnly(2024, 12, 31)) { Mode = mode });
            var wind = await _kb.Search.SearchAsync(new SearchRequest("turbine output", Tags: ["WIND"]) { Mode = mode });
            var all = await _kb.Search.SearchAsync(new SearchRequest("turbine output") { Mode = mode });

            Assert.Equal(["new.md"], from2024.Select(p => p.DocumentId));
            Assert.Equal(["old.md"], until2024.Select(p => p.DocumentId));
            Assert.Equal(["new.md"], wind.Select(p => p.DocumentId));
            Assert.Equal(3, all.Select(p => p.DocumentId).Distinct().Count());
        }
    }

    [Fact]
    public async Task Top_results_hold_at_most_two_chunks_per_article_when_other_articles_match()
    {
        var longArticle = string.Join("\n\n", Enumerable.Range(1, 8).Select(i =>
            $"## Part {i}\n\n" + string.Join(" ", Enumerable.Range(1, 12).Select(j => $"Gear output in region {i}-{j} rose by {j}.{i}% as gear makers expanded."))));
        _kb.Write("long.md", KnowledgeWorkspace.Markdown("Gear industry", longArticle));
        _kb.Write("short1.md", KnowledgeWorkspace.Markdown("Gear exports", "Gear exports rose."));
        _kb.Write("short2.md", KnowledgeWorkspace.Markdown("Gear prices", "Gear prices fell."));
        await _kb.IngestAsync();

        var diverse = await _kb.Search.SearchAsync(new SearchRequest("gear output", Top: 4));
        var onlyLong = await _kb.Search.SearchAsync(new SearchRequest("makers expanded region", Top: 5) { Mode = SearchMode.Keyword });

        Assert.Equal(4, diverse.Count);
        Assert.Equal(2, diverse.Count(p => p.DocumentId == "long.md"));
        Assert.Equal(5, onlyLong.Count(p => p.DocumentId == "long.md"));
    }

    private async Task IngestShipbuildingAsync()
    {
        _kb.Write("ships.md", KnowledgeWorkspace.Markdown(
            "Shipbuilding indicators 2024",
            "## Key figures\n\nShipbuilding completions reached 48.18 million deadweight tonnes in 2024. New orders rose 58.8%."));
        _kb.Write("solar.md", KnowledgeWorkspace.Markdown("Solar capacity", "Solar capacity additions hit a record in 2024."));
        await _kb.IngestAsync();
    }
}
