using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Storage;

namespace ChatAnalyst.Tests.Knowledge;

/// <summary>
/// What every <see cref="IKnowledgeIndex"/> back-end must do, run against each one (<see cref="SqliteKnowledgeIndexTests"/>,
/// <see cref="PostgresKnowledgeIndexTests"/>): storage round trips, versioning, and keyword search through the shared
/// <see cref="HybridKnowledgeSearch"/> — hostile text searched literally, filters, segmentation, diversity.
/// </summary>
public abstract class KnowledgeIndexContractTests : IAsyncLifetime
{
    private readonly List<IDisposable> _owned = [];
    private bool _created;

    /// <summary>Why this back-end cannot run here (no server), or null.</summary>
    protected virtual string? SkipReason => null;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Newest first: an index goes before the connection pool it was opened on.
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        if (_created)
        {
            await DropDatabaseAsync();
        }
    }

    [SkippableFact]
    public async Task Vectors_round_trip_as_float32_and_only_for_the_requested_model()
    {
        var index = await IndexAsync();
        float[] vector = [0.25f, -0.5f, 0.125f];
        float[] sentences = [1f, 0f, 0f, 0f, 1f, -0.75f];
        await index.UpsertDocumentAsync(Document("a.md"), [new ChunkRecord("a.md#0", 0, "Key figures", "Alpha text. Beta text.", vector, sentences)]);

        var sameModel = Assert.Single(await index.LoadChunksAsync("test-model"));
        var otherModel = Assert.Single(await index.LoadChunksAsync("other-model"));
        var listed = Assert.Single(await index.GetChunksAsync("a.md"));

        Assert.Equal(vector, sameModel.Vector);
        Assert.Equal(sentences, sameModel.SentenceVectors);
        Assert.Equal("Key figures", sameModel.Section);
        Assert.Null(otherModel.Vector);
        Assert.Null(otherModel.SentenceVectors);
        Assert.Equal("Alpha text. Beta text.", listed.Text);
    }

    [SkippableFact]
    public async Task Streamed_chunks_are_the_loaded_chunks_in_the_same_order_without_sentence_vectors_which_are_read_by_chunk()
    {
        var index = await IndexAsync();
        await index.UpsertDocumentAsync(Document("b.md"), [new ChunkRecord("b.md#0", 0, null, "Two.", new[] { 0f, 1f }, new[] { 0f, 1f }), new ChunkRecord("b.md#1", 1, "S", "Three.", new[] { 1f, 0f }, new[] { 1f, 0f })]);
        await index.UpsertDocumentAsync(Document("a.md"), [new ChunkRecord("a.md#0", 0, null, "One.", new[] { 0.6f, 0.8f }, new[] { 0.6f, 0.8f })]);

        var loaded = await index.LoadChunksAsync("test-model");
        var streamed = new List<EmbeddedChunk>();
        await foreach (var chunk in index.StreamChunksAsync("test-model"))
        {
            streamed.Add(chunk);
        }

        Assert.Equal(["a.md#0", "b.md#0", "b.md#1"], streamed.Select(c => c.ChunkId));
        Assert.Equal(loaded.Select(c => (c.ChunkId, c.Text, c.Section)), streamed.Select(c => (c.ChunkId, c.Text, c.Section)));
        Assert.Equal(loaded.Select(c => c.Vector!), streamed.Select(c => c.Vector!));
        Assert.All(streamed, c => Assert.Null(c.SentenceVectors));

        var sentences = await index.GetSentenceVectorsAsync(["b.md#1", "a.md#0", "missing"], "test-model");
        Assert.Equal(["a.md#0", "b.md#1"], sentences.Keys.Order());
        Assert.Equal(loaded.Single(c => c.ChunkId == "b.md#1").SentenceVectors, sentences["b.md#1"]);
        Assert.Equal(new[] { 0.6f, 0.8f }, sentences["a.md#0"]);
        Assert.Empty(await index.GetSentenceVectorsAsync(["a.md#0"], "other-model"));
        Assert.Empty(await index.GetSentenceVectorsAsync([], "test-model"));
    }

    [SkippableFact]
    public async Task Document_metadata_round_trips_and_documents_list_in_id_order()
    {
        var index = await IndexAsync();
        var dated = Document("b.md") with { Publisher = "Example Press", Tags = ["Energy", "policy"], PipelineVersion = 7 };
        var undated = Document("a.md") with { Published = null, Tags = [] };
        await index.UpsertDocumentAsync(dated, [new ChunkRecord("b.md#0", 0, null, "Text.", ReadOnlyMemory<float>.Empty)]);
        await index.UpsertDocumentAsync(undated, []);

        var stored = await index.GetDocumentAsync("b.md");

        Assert.NotNull(stored);
        Assert.Equal((dated.Title, dated.Url, dated.Publisher, dated.Published, dated.Hash, 7), (stored.Title, stored.Url, stored.Publisher, stored.Published, stored.Hash, stored.PipelineVersion));
        Assert.Equal(["Energy", "policy"], stored.Tags);
        Assert.Null((await index.GetDocumentAsync("a.md"))!.Published);
        Assert.Null(await index.GetDocumentAsync("missing.md"));
        Assert.Equal(["a.md", "b.md"], (await index.ListDocumentsAsync()).Select(d => d.Id));
        Assert.Equal(new KnowledgeCounts(2, 1), await index.GetCountsAsync());
    }

    [SkippableFact]
    public async Task Every_write_changes_the_version_and_removal_drops_keyword_entries()
    {
        var index = await IndexAsync();
        var v0 = await index.GetVersionAsync();
        await index.UpsertDocumentAsync(Document("a.md"), [new ChunkRecord("a.md#0", 0, null, "Lutetium refining.", ReadOnlyMemory<float>.Empty)]);
        var v1 = await index.GetVersionAsync();
        Assert.Single(await index.KeywordSearchAsync(["lutetium"], KnowledgeFilter.None, 10));

        Assert.True(await index.RemoveDocumentAsync("a.md"));
        var v2 = await index.GetVersionAsync();

        Assert.True(v0 < v1 && v1 < v2);
        Assert.Empty(await index.KeywordSearchAsync(["lutetium"], KnowledgeFilter.None, 10));
        Assert.Empty(await index.GetChunksAsync("a.md"));
        Assert.False(await index.RemoveDocumentAsync("a.md"));
    }

    [SkippableFact]
    public async Task Keyword_search_ranks_alike_with_and_without_a_filter_and_keeps_to_the_limit()
    {
        var index = await IndexAsync();
        string[] texts = ["Hafnium output rose.", "Hafnium hafnium hafnium output.", "Output held steady.", "Hafnium output and hafnium exports rose."];
        for (var i = 0; i < texts.Length; i++)
        {
            var id = $"d{i}.md";
            await index.UpsertDocumentAsync(Document(id), [new ChunkRecord(id + "#0", 0, null, texts[i], ReadOnlyMemory<float>.Empty)]);
        }

        var everything = new KnowledgeFilter(From: new DateOnly(2000, 1, 1));
        var unfiltered = await index.KeywordSearchAsync(["hafnium", "output"], KnowledgeFilter.None, 3);
        var filtered = await index.KeywordSearchAsync(["hafnium", "output"], everything, 3);

        Assert.Equal(3, unfiltered.Count);
        Assert.Equal(filtered.Select(h => h.ChunkId), unfiltered.Select(h => h.ChunkId));
        Assert.Equal(unfiltered.OrderByDescending(h => h.Score).Select(h => h.ChunkId), unfiltered.Select(h => h.ChunkId));
        Assert.DoesNotContain(unfiltered, h => h.ChunkId == "d2.md#0");
    }

    [SkippableFact]
    public async Task Common_terms_bring_no_chunk_in_on_their_own_but_count_in_the_score_of_every_chunk_that_matches()
    {
        var plain = await IndexAsync();
        string[] texts =
        [
            "Hafnium output rose.", "Output held steady.", "Output and exports fell.", "Hafnium exports rose.",
            "Output of hafnium, output of zinc.", "Hafnium output.",
        ];
        for (var i = 0; i < texts.Length; i++)
        {
            var id = $"d{i}.md";
            await plain.UpsertDocumentAsync(Document(id), [new ChunkRecord(id + "#0", 0, null, texts[i], ReadOnlyMemory<float>.Empty)]);
        }

        // With at most 3 chunks per term, "hafnium" (4 chunks) and "output" (5) are common and "rose" (2) is not.
        var bounded = Own(OpenIndex(commonTermChunks: 3));
        string[] terms = ["hafnium", "output", "rose"];
        var everyTerm = await plain.KeywordSearchAsync(terms, KnowledgeFilter.None, 10);
        var candidates = await bounded.KeywordSearchAsync(terms, KnowledgeFilter.None, 10);
        var filtered = await bounded.KeywordSearchAsync(terms, new KnowledgeFilter(From: new DateOnly(2000, 1, 1)), 10);

        Assert.Equal(6, everyTerm.Count);
        Assert.Equal(["d0.md#0", "d3.md#0"], candidates.Select(h => h.ChunkId).Order());
        Assert.Equal(everyTerm.Where(h => h.ChunkId is "d0.md#0" or "d3.md#0").Select(h => (h.ChunkId, Math.Round(h.Score, 5))), candidates.Select(h => (h.ChunkId, Math.Round(h.Score, 5))));
        Assert.Equal(candidates, filtered);

        // Every term common: every term brings chunks in, as with no bound.
        Assert.Equal(
            (await plain.KeywordSearchAsync(["hafnium", "output"], KnowledgeFilter.None, 10)).Select(h => h.ChunkId),
            (await bounded.KeywordSearchAsync(["hafnium", "output"], KnowledgeFilter.None, 10)).Select(h => h.ChunkId));
    }

    [SkippableFact]
    public async Task Upserting_a_document_again_replaces_its_chunks_and_their_keyword_entries()
    {
        var index = await IndexAsync();
        await index.UpsertDocumentAsync(Document("a.md"), [
            new ChunkRecord("a.md#0", 0, null, "Hafnium output rose.", ReadOnlyMemory<float>.Empty),
            new ChunkRecord("a.md#1", 1, null, "Yttrium output fell.", ReadOnlyMemory<float>.Empty)]);

        await index.UpsertDocumentAsync(Document("a.md"), [new ChunkRecord("a.md#0", 0, null, "Scandium output held.", ReadOnlyMemory<float>.Empty)]);

        Assert.Equal(["Scandium output held."], (await index.GetChunksAsync("a.md")).Select(c => c.Text));
        Assert.Empty(await index.KeywordSearchAsync(["yttrium"], KnowledgeFilter.None, 10));
        Assert.Empty(await index.KeywordSearchAsync(["hafnium"], KnowledgeFilter.None, 10));
        Assert.Equal("a.md#0", Assert.Single(await index.KeywordSearchAsync(["scandium"], KnowledgeFilter.None, 10)).ChunkId);
    }

    [SkippableFact]
    public async Task Another_instance_on_the_same_database_sees_a_write()
    {
        var reader = await IndexAsync();
        var before = await reader.GetVersionAsync();
        var writer = Own(OpenIndex());

        await writer.UpsertDocumentAsync(Document("a.md"), [new ChunkRecord("a.md#0", 0, null, "Niobium exports.", new float[] { 1, 0 })]);

        // Another instance may learn of the write a moment later (PostgreSQL notifies it), never not at all.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await reader.GetVersionAsync() == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.NotEqual(before, await reader.GetVersionAsync());
        Assert.Equal("a.md", Assert.Single(await reader.KeywordSearchAsync(["niobium"], KnowledgeFilter.None, 10)).DocumentId);
    }

    [SkippableTheory]
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
    [InlineData("the of and")]
    public async Task Hostile_query_text_is_searched_literally_without_errors(string query)
    {
        var kb = await IngestShipbuildingAsync();

        var keyword = await kb.Search.SearchAsync(new SearchRequest(query) { Mode = SearchMode.Keyword });
        var hybrid = await kb.Search.SearchAsync(new SearchRequest(query));

        Assert.NotNull(keyword);
        Assert.NotNull(hybrid);
        Assert.Equal(2, (await kb.Index.GetCountsAsync()).Documents);
    }

    [SkippableFact]
    public async Task Operator_words_in_a_query_are_plain_words()
    {
        var kb = await IngestShipbuildingAsync();

        // As query syntax "orders NOT completions" would exclude the article; as plain words it must still find it.
        var passages = await kb.Search.SearchAsync(new SearchRequest("orders NOT completions") { Mode = SearchMode.Keyword });
        var hits = await kb.Index.KeywordSearchAsync(["\"", "*", "AND", "|", "!", "shipbuilding"], KnowledgeFilter.None, 10);

        Assert.Equal("ships.md", passages[0].DocumentId);
        Assert.Equal("ships.md", hits[0].DocumentId);
    }

    [SkippableFact]
    public async Task Passages_score_their_sentences_with_the_stored_sentence_vectors()
    {
        var kb = await IngestShipbuildingAsync();

        var passages = await kb.Search.SearchAsync(new SearchRequest("shipbuilding completions") { Mode = SearchMode.Hybrid });

        var sentences = passages.First(p => p.DocumentId == "ships.md").Sentences;
        var named = Assert.Single(sentences, s => s.Text.StartsWith("Shipbuilding completions", StringComparison.Ordinal));
        var other = Assert.Single(sentences, s => s.Text.StartsWith("New orders", StringComparison.Ordinal));
        Assert.True(named.Similarity > 0.3, $"similarity {named.Similarity}");
        Assert.Equal(0, other.Similarity, 6);
    }

    [SkippableFact]
    public async Task Misspelt_words_are_corrected_against_the_indexed_vocabulary()
    {
        var kb = await IngestShipbuildingAsync();

        var passages = await kb.Search.SearchAsync(new SearchRequest("shipbuidling complettions") { Mode = SearchMode.Keyword });

        Assert.NotEmpty(passages);
        Assert.Equal("ships.md", passages[0].DocumentId);
    }

    [SkippableFact]
    public async Task Chinese_query_reaches_an_english_article_through_the_glossary_in_keyword_search()
    {
        var kb = await IngestShipbuildingAsync();

        var passages = await kb.Search.SearchAsync(new SearchRequest("2024年造船完工量") { Mode = SearchMode.Keyword });

        Assert.NotEmpty(passages);
        Assert.Equal("ships.md", passages[0].DocumentId);
    }

    [SkippableFact]
    public async Task Chinese_article_text_is_segmented_so_chinese_words_match()
    {
        var kb = await WorkspaceAsync();
        kb.Write("zh.md", KnowledgeWorkspace.Markdown("机器人报告", "2023年中国工业机器人密度达到每万名工人470台，超过德国。"));
        kb.Write("en.md", KnowledgeWorkspace.Markdown("Wind report", "Wind capacity rose."));
        await kb.IngestAsync();

        var passages = await kb.Search.SearchAsync(new SearchRequest("机器人密度") { Mode = SearchMode.Keyword });

        Assert.Equal("zh.md", Assert.Single(passages).DocumentId);
    }

    [SkippableFact]
    public async Task Date_and_tag_filters_restrict_results_and_exclude_undated_articles_from_date_ranges()
    {
        var kb = await WorkspaceAsync();
        kb.Write("old.md", KnowledgeWorkspace.Markdown("Old turbines", "Turbine output rose.", published: "2023-06-01", tags: "[energy]"));
        kb.Write("new.md", KnowledgeWorkspace.Markdown("New turbines", "Turbine output fell.", published: "2025-02-01", tags: "[energy, wind]"));
        kb.Write("undated.md", KnowledgeWorkspace.Markdown("Undated turbines", "Turbine output flat."));
        await kb.IngestAsync();

        foreach (var mode in new[] { SearchMode.Keyword, SearchMode.Dense, SearchMode.Hybrid })
        {
            var from2024 = await kb.Search.SearchAsync(new SearchRequest("turbine output", From: new DateOnly(2024, 1, 1)) { Mode = mode });
            var until2024 = await kb.Search.SearchAsync(new SearchRequest("turbine output", To: new DateOnly(2024, 12, 31)) { Mode = mode });
            var wind = await kb.Search.SearchAsync(new SearchRequest("turbine output", Tags: ["WIND"]) { Mode = mode });
            var all = await kb.Search.SearchAsync(new SearchRequest("turbine output") { Mode = mode });

            Assert.Equal(["new.md"], from2024.Select(p => p.DocumentId));
            Assert.Equal(["old.md"], until2024.Select(p => p.DocumentId));
            Assert.Equal(["new.md"], wind.Select(p => p.DocumentId));
            Assert.Equal(3, all.Select(p => p.DocumentId).Distinct().Count());
        }
    }

    [SkippableFact]
    public async Task Top_results_hold_at_most_two_chunks_per_article_when_other_articles_match()
    {
        var kb = await WorkspaceAsync();
        var longArticle = string.Join("\n\n", Enumerable.Range(1, 8).Select(i =>
            $"## Part {i}\n\n" + string.Join(" ", Enumerable.Range(1, 12).Select(j => $"Gear output in region {i}-{j} rose by {j}.{i}% as gear makers expanded."))));
        kb.Write("long.md", KnowledgeWorkspace.Markdown("Gear industry", longArticle));
        kb.Write("short1.md", KnowledgeWorkspace.Markdown("Gear exports", "Gear exports rose."));
        kb.Write("short2.md", KnowledgeWorkspace.Markdown("Gear prices", "Gear prices fell."));
        await kb.IngestAsync();

        var diverse = await kb.Search.SearchAsync(new SearchRequest("gear output", Top: 4));
        var onlyLong = await kb.Search.SearchAsync(new SearchRequest("makers expanded region", Top: 5) { Mode = SearchMode.Keyword });

        Assert.Equal(4, diverse.Count);
        Assert.Equal(2, diverse.Count(p => p.DocumentId == "long.md"));
        Assert.Equal(5, onlyLong.Count(p => p.DocumentId == "long.md"));
    }

    /// <summary>Makes this test's empty database (a folder, a PostgreSQL database).</summary>
    protected abstract Task CreateDatabaseAsync();

    /// <summary>A new index instance on this test's database, as another process or instance would open it.</summary>
    protected abstract IKnowledgeIndex OpenIndex(int commonTermChunks = KeywordCandidates.CommonTermChunks);

    /// <summary>Deletes this test's database.</summary>
    protected abstract Task DropDatabaseAsync();

    /// <summary>An index on a fresh database; skips the test (saying why) when the back-end is not available.</summary>
    protected async Task<IKnowledgeIndex> IndexAsync()
    {
        await EnsureDatabaseAsync();
        var index = Own(OpenIndex());
        await index.InitializeAsync();
        return index;
    }

    protected T Own<T>(T item)
    {
        if (item is IDisposable disposable)
        {
            _owned.Add(disposable);
        }

        return item;
    }

    protected static StoredDocument Document(string id) =>
        new(id, "/tmp/" + id, "/tmp", "Title " + id, "https://example.test/" + id, null, new DateOnly(2024, 1, 2), ["t"], "hash", "test-model", 1);

    private async Task<KnowledgeWorkspace> WorkspaceAsync(BilingualGlossary? glossary = null)
    {
        await EnsureDatabaseAsync();
        return Own(new KnowledgeWorkspace(glossary: glossary, index: OpenIndex()));
    }

    private async Task<KnowledgeWorkspace> IngestShipbuildingAsync()
    {
        var kb = await WorkspaceAsync(new BilingualGlossary([new("造船", "shipbuilding"), new("完工量", "completions")]));
        kb.Write("ships.md", KnowledgeWorkspace.Markdown(
            "Shipbuilding indicators 2024",
            "## Key figures\n\nShipbuilding completions reached 48.18 million deadweight tonnes in 2024. New orders rose 58.8%."));
        kb.Write("solar.md", KnowledgeWorkspace.Markdown("Solar capacity", "Solar capacity additions hit a record in 2024."));
        await kb.IngestAsync();
        return kb;
    }

    private async Task EnsureDatabaseAsync()
    {
        Skip.If(SkipReason is not null, SkipReason);
        if (!_created)
        {
            await CreateDatabaseAsync();
            _created = true;
        }
    }
}
