using ChatAnalyst.Knowledge;
using ChatAnalyst.Knowledge.Ingestion;
using ChatAnalyst.Knowledge.Ingestion.Decoders;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatAnalyst.Tests.Knowledge;

/// <summary>
/// A throw-away knowledge base: a temp folder of articles, its own SQLite file (or the index a test passes), and the
/// real ingestion and search wired by hand. Deleted on dispose.
/// </summary>
internal sealed class KnowledgeWorkspace : IDisposable
{
    private static readonly Lazy<ChineseSegmenter> SharedSegmenter = new(() => new ChineseSegmenter());

    public KnowledgeWorkspace(
        IEmbeddingGenerator<string, Embedding<float>>? generator = null,
        BilingualGlossary? glossary = null,
        FusionMethod fusion = FusionMethod.Weighted,
        IKnowledgeIndex? index = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "chatanalyst-tests", Guid.NewGuid().ToString("N"));
        Articles = Path.Combine(Root, "articles");
        Directory.CreateDirectory(Articles);
        Generator = generator ?? new FakeEmbeddingGenerator();
        Options = Microsoft.Extensions.Options.Options.Create(new KnowledgeOptions { Fusion = fusion });
        Index = index ?? new SqliteKnowledgeIndex(new SqliteConnectionFactory(Path.Combine(Root, "kb.db")), SharedSegmenter.Value);
        Glossary = glossary ?? BilingualGlossary.Empty;
        Search = new HybridKnowledgeSearch(Index, Generator, SharedSegmenter.Value, Glossary, Options, NullLogger<HybridKnowledgeSearch>.Instance);
    }

    public string Root { get; }

    public string Articles { get; }

    public IEmbeddingGenerator<string, Embedding<float>> Generator { get; }

    public IOptions<KnowledgeOptions> Options { get; }

    /// <summary>The one segmenter of the test run (loading jieba's dictionaries per test would dominate test time).</summary>
    public static ChineseSegmenter Segmenter => SharedSegmenter.Value;

    /// <summary>The index: a SQLite file in the workspace unless the test passed another back-end (then it owns it).</summary>
    public IKnowledgeIndex Index { get; }

    public BilingualGlossary Glossary { get; }

    public HybridKnowledgeSearch Search { get; }

    public static IDocumentDecoder[] Decoders => [new MarkdownDecoder(), new PlainTextDecoder(), new HtmlDecoder(), new PdfDecoder()];

    public IngestionService Ingestion(IEmbeddingGenerator<string, Embedding<float>>? generator = null, params IDocumentIndexedHandler[] handlers) =>
        new(Index, Decoders, new TextChunker(), generator ?? Generator, handlers, NullLogger<IngestionService>.Instance);

    public Task<IngestionSummary> IngestAsync(params IDocumentIndexedHandler[] handlers) =>
        Ingestion(null, handlers).IngestAsync([Articles]);

    /// <summary>Writes a file into the articles folder, creating subfolders.</summary>
    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Articles, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public static string Markdown(string title, string body, string? published = null, string tags = "[]", string? source = null) => $"""
        ---
        title: "{title}"
        source: {source ?? "https://example.test/" + Uri.EscapeDataString(title.ToLowerInvariant().Replace(' ', '-'))}
        publisher: "Example Press"
        published: {published}
        tags: {tags}
        ---

        # {title}

        {body}
        """;

    public void Dispose()
    {
        Search.Dispose();
        (Index as IDisposable)?.Dispose();

        // Pooled connections keep the database file open; release them before deleting the folder.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
