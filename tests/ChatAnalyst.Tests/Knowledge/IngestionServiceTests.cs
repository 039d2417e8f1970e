using System.Numerics.Tensors;
using ChatAnalyst.Knowledge.Ingestion;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Extensions.AI;

namespace ChatAnalyst.Tests.Knowledge;

public sealed class IngestionServiceTests : IDisposable
{
    private readonly KnowledgeWorkspace _kb = new();

    public void Dispose() => _kb.Dispose();

    [Fact]
    public async Task First_run_adds_every_article_with_ids_relative_to_the_folder()
    {
        _kb.Write("a.md", KnowledgeWorkspace.Markdown("Alpha", "Alpha output rose 3%."));
        _kb.Write("sub/b.txt", "Beta\n\nBeta exports fell 2%.");

        var summary = await _kb.IngestAsync();

        Assert.Equal((2, 0, 0, 0, 0), (summary.Added, summary.Updated, summary.Unchanged, summary.Removed, summary.Failed));
        var documents = await _kb.Index.ListDocumentsAsync();
        Assert.Equal(["a.md", "sub/b.txt"], documents.Select(d => d.Id));
        Assert.Equal("Beta", documents[1].Title);
        var chunks = await _kb.Index.GetChunksAsync("a.md");
        Assert.Equal("a.md#0", chunks[0].ChunkId);
    }

    [Fact]
    public async Task Second_run_of_the_same_folder_changes_nothing()
    {
        _kb.Write("a.md", KnowledgeWorkspace.Markdown("Alpha", "Alpha output rose 3%."));
        _kb.Write("b.md", KnowledgeWorkspace.Markdown("Beta", "Beta output rose 4%."));
        await _kb.IngestAsync();
        var versionBefore = await _kb.Index.GetVersionAsync();
        var handler = new RecordingHandler();

        var summary = await _kb.IngestAsync(handler);

        Assert.Equal((0, 0, 2, 0, 0, 0), (summary.Added, summary.Updated, summary.Unchanged, summary.Removed, summary.Failed, summary.Chunks));
        Assert.Equal(versionBefore, await _kb.Index.GetVersionAsync());
        Assert.Empty(handler.Events);
    }

    [Fact]
    public async Task Changed_article_is_reindexed_deleted_one_removed_and_handlers_told_in_order()
    {
        _kb.Write("keep.md", KnowledgeWorkspace.Markdown("Keep", "Nothing changes here."));
        _kb.Write("change.md", KnowledgeWorkspace.Markdown("Change", "Sprocket output rose 3%."));
        var gone = _kb.Write("gone.md", KnowledgeWorkspace.Markdown("Gone", "Soon deleted."));
        await _kb.IngestAsync();

        _kb.Write("change.md", KnowledgeWorkspace.Markdown("Change", "Sprocket output rose 8%."));
        File.Delete(gone);
        _kb.Write("new.md", KnowledgeWorkspace.Markdown("New", "A fresh article."));
        var handler = new RecordingHandler();
        var summary = await _kb.IngestAsync(handler);

        Assert.Equal((1, 1, 1, 1, 0), (summary.Added, summary.Updated, summary.Unchanged, summary.Removed, summary.Failed));
        Assert.Equal(["removed change.md", "indexed change.md", "indexed new.md", "removed gone.md"], handler.Events);
        Assert.Null(await _kb.Index.GetDocumentAsync("gone.md"));
        var changed = await _kb.Index.GetChunksAsync("change.md");
        Assert.Contains("8%", Assert.Single(changed).Text, StringComparison.Ordinal);

        var passages = await _kb.Search.SearchAsync(new SearchRequest("sprocket output") { Mode = SearchMode.Keyword });
        Assert.Contains("8%", Assert.Single(passages).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removal_is_scoped_to_the_folders_being_ingested()
    {
        _kb.Write("a.md", KnowledgeWorkspace.Markdown("Alpha", "Alpha text."));
        var other = Path.Combine(_kb.Root, "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "z.txt"), "Zeta\n\nZeta text.");
        var ingestion = _kb.Ingestion();
        await ingestion.IngestAsync([_kb.Articles, other]);

        var summary = await ingestion.IngestAsync([_kb.Articles]);

        Assert.Equal(0, summary.Removed);
        Assert.NotNull(await _kb.Index.GetDocumentAsync("z.txt"));
    }

    [Fact]
    public async Task Broken_unknown_and_empty_files_are_warnings_and_the_rest_is_ingested()
    {
        _kb.Write("good.md", KnowledgeWorkspace.Markdown("Good", "Good text."));
        _kb.Write("corrupt.pdf", "%PDF-1.7\nthis is not really a pdf\n%%EOF");
        _kb.Write("empty.txt", "   \n");
        _kb.Write("data.xlsx", "binary");

        var summary = await _kb.IngestAsync();

        Assert.Equal(1, summary.Added);
        Assert.Equal(3, summary.Failed);
        Assert.Equal(3, summary.Warnings.Count);
        Assert.Contains(summary.Warnings, w => w.File.EndsWith("corrupt.pdf", StringComparison.Ordinal) && w.Reason.Length > 0);
        Assert.Contains(summary.Warnings, w => w.File.EndsWith("empty.txt", StringComparison.Ordinal) && w.Reason.Contains("empty", StringComparison.Ordinal));
        Assert.Contains(summary.Warnings, w => w.File.EndsWith("data.xlsx", StringComparison.Ordinal) && w.Reason.Contains("unsupported", StringComparison.Ordinal));
        Assert.NotNull(await _kb.Index.GetDocumentAsync("good.md"));
    }

    [Fact]
    public async Task Changing_the_embedding_model_reembeds_every_document()
    {
        _kb.Write("a.md", KnowledgeWorkspace.Markdown("Alpha", "Alpha text."));
        _kb.Write("b.md", KnowledgeWorkspace.Markdown("Beta", "Beta text."));
        await _kb.IngestAsync();
        var otherModel = new FakeEmbeddingGenerator("another-model");

        var summary = await _kb.Ingestion(otherModel).IngestAsync([_kb.Articles]);

        Assert.Equal(2, summary.Updated);
        Assert.All(await _kb.Index.ListDocumentsAsync(), d => Assert.Equal("another-model", d.EmbeddingModel));
        Assert.True(otherModel.Texts >= 2);
    }

    [Fact]
    public async Task Handlers_receive_the_stored_chunks_with_document_metadata()
    {
        _kb.Write("a.md", KnowledgeWorkspace.Markdown("Alpha", "## Key figures\n\nAlpha output rose 3%.", published: "2024-05-01", tags: "[alpha]"));
        var handler = new RecordingHandler();

        await _kb.IngestAsync(handler);

        var document = Assert.Single(handler.Indexed);
        Assert.Equal("Alpha", document.Title);
        Assert.Equal(new DateOnly(2024, 5, 1), document.Published);
        Assert.Equal(["alpha"], document.Tags);
        var chunk = Assert.Single(document.Chunks);
        Assert.Equal(("a.md#0", "Key figures", "Alpha output rose 3%."), (chunk.ChunkId, chunk.Section, chunk.Text));
    }

    [Fact]
    public async Task A_chunk_vector_is_pooled_from_its_sentences_and_context_and_no_chunk_is_embedded_whole()
    {
        _kb.Write("a.md", KnowledgeWorkspace.Markdown("Alpha", "## Key figures\n\nAlpha output rose 3%. Beta exports fell 2%. Gamma held steady."));
        var generator = new RecordingGenerator(new FakeEmbeddingGenerator());

        await _kb.Ingestion(generator).IngestAsync([_kb.Articles]);

        Assert.Equal(["Alpha — Key figures", "Alpha output rose 3%.", "Beta exports fell 2%.", "Gamma held steady."], generator.Texts);
        var chunk = Assert.Single(await _kb.Index.LoadChunksAsync("fake-bag-of-words"));
        var sentences = (await _kb.Index.GetSentenceVectorsAsync([chunk.ChunkId], "fake-bag-of-words"))[chunk.ChunkId];
        var context = (await new FakeEmbeddingGenerator().GenerateAsync(["Alpha — Key figures"]))[0].Vector.ToArray();
        var expected = ChunkVectorPooling.Pool(sentences, context);
        Assert.Equal(expected, chunk.Vector!, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal(1.0, TensorPrimitives.Norm(chunk.Vector), 5);
    }

    [Fact]
    public void Pooling_weighs_the_context_once_and_the_first_sentence_twice_and_normalises()
    {
        float[] context = [1, 0, 0];
        float[] sentences = [0, 1, 0, 0, 0, 1];

        var pooled = ChunkVectorPooling.Pool(sentences, context);

        var norm = MathF.Sqrt(1 + 4 + 1);
        Assert.Equal([1 / norm, 2 / norm, 1 / norm], pooled, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Throws<ArgumentException>(() => ChunkVectorPooling.Pool([], context));
    }

    [Fact]
    public async Task Documents_indexed_by_an_earlier_pipeline_version_are_reembedded()
    {
        _kb.Write("a.md", KnowledgeWorkspace.Markdown("Alpha", "Alpha output rose 3%. Beta exports fell 2%."));
        await _kb.IngestAsync();
        var stored = (await _kb.Index.GetDocumentAsync("a.md"))!;
        var chunks = await _kb.Index.GetChunksAsync("a.md");
        var stale = Enumerable.Repeat(1f / MathF.Sqrt(64), 64).ToArray();
        await _kb.Index.UpsertDocumentAsync(
            stored with { PipelineVersion = IngestionService.PipelineVersion - 1 },
            chunks.Select(c => new ChunkRecord(c.ChunkId, c.Ordinal, c.Section, c.Text, stale)).ToList());

        var summary = await _kb.IngestAsync();

        Assert.Equal((1, 0), (summary.Updated, summary.Unchanged));
        Assert.Equal(IngestionService.PipelineVersion, (await _kb.Index.GetDocumentAsync("a.md"))!.PipelineVersion);
        var chunk = Assert.Single(await _kb.Index.LoadChunksAsync("fake-bag-of-words"));
        Assert.NotEqual(stale, chunk.Vector!);
    }

    /// <summary>Passes every text on to the inner generator and keeps them, in order.</summary>
    private sealed class RecordingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public List<string> Texts { get; } = [];

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            Texts.AddRange(texts);
            return inner.GenerateAsync(texts, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

        public void Dispose() => inner.Dispose();
    }
}
