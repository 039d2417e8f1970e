using ChatAnalyst.Knowledge.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Tests.Knowledge;

/// <summary>The knowledge index contract on the embedded SQLite file, plus what only SQLite has (FTS5 query text).</summary>
public sealed class SqliteKnowledgeIndexTests : KnowledgeIndexContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatanalyst-index", Guid.NewGuid().ToString("N"));

    private string DatabaseFile => Path.Combine(_folder, "kb.db");

    [Fact]
    public async Task Schema_creation_is_idempotent_and_leaves_other_tables_alone()
    {
        await CreateDatabaseAsync();
        var connections = new SqliteConnectionFactory(DatabaseFile);
        await using (var connection = await connections.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE indicator_observations (id INTEGER PRIMARY KEY, value TEXT); INSERT INTO indicator_observations(value) VALUES ('9.2');";
            await command.ExecuteNonQueryAsync();
        }

        using (var first = new SqliteKnowledgeIndex(connections, KnowledgeWorkspace.Segmenter))
        {
            await first.InitializeAsync();
            await first.UpsertDocumentAsync(Document("a.md"), [new ChunkRecord("a.md#0", 0, null, "Alpha text.", new float[] { 1, 0 })]);
        }

        using var second = new SqliteKnowledgeIndex(connections, KnowledgeWorkspace.Segmenter);
        await second.InitializeAsync();
        await second.InitializeAsync();

        Assert.Equal(new KnowledgeCounts(1, 1), await second.GetCountsAsync());
        await using var check = await connections.OpenAsync();
        await using var query = check.CreateCommand();
        query.CommandText = "SELECT value FROM indicator_observations";
        Assert.Equal("9.2", await query.ExecuteScalarAsync());
        query.CommandText = "SELECT value FROM knowledge_meta WHERE key = 'schema_version'";
        Assert.Equal("1", await query.ExecuteScalarAsync());
        await DropDatabaseAsync();
    }

    [Fact]
    public void Terms_split_into_candidates_and_common_terms_only_when_both_kinds_are_there()
    {
        var (candidates, common) = KeywordCandidates.Split(["a", "b", "c", "d"], [11, 10, 12, 0], 10);
        Assert.Equal(["b", "d"], candidates);
        Assert.Equal(["a", "c"], common);
        foreach (var counts in new long[][] { [11, 12], [1, 2] })
        {
            (candidates, common) = KeywordCandidates.Split(["a", "b"], counts, 10);
            Assert.Equal(["a", "b"], candidates);
            Assert.Empty(common);
        }

        Assert.Throws<ArgumentException>(() => KeywordCandidates.Split(["a"], [], 10));
    }

    [Fact]
    public async Task Remembered_term_counts_follow_a_write_by_another_instance()
    {
        // The bounded index remembers how many chunks hold each term, per content version; a write elsewhere must
        // make it count again, or a term that became common would still bring chunks in on its own.
        var writer = await IndexAsync();
        var bounded = Own(OpenIndex(commonTermChunks: 2));
        await writer.UpsertDocumentAsync(Document("d0.md"), [new ChunkRecord("d0.md#0", 0, null, "Hafnium output rose.", ReadOnlyMemory<float>.Empty)]);
        await writer.UpsertDocumentAsync(Document("d1.md"), [new ChunkRecord("d1.md#0", 0, null, "Zinc output rose.", ReadOnlyMemory<float>.Empty)]);
        string[] terms = ["hafnium", "rose"];

        // "rose" is in 2 chunks: not common, so it brings both in.
        Assert.Equal(["d0.md#0", "d1.md#0"], (await bounded.KeywordSearchAsync(terms, KnowledgeFilter.None, 10)).Select(h => h.ChunkId).Order());

        await writer.UpsertDocumentAsync(Document("d2.md"), [new ChunkRecord("d2.md#0", 0, null, "Tin exports rose.", ReadOnlyMemory<float>.Empty)]);
        var after = await bounded.KeywordSearchAsync(terms, KnowledgeFilter.None, 10);
        var fresh = await Own(OpenIndex(commonTermChunks: 2)).KeywordSearchAsync(terms, KnowledgeFilter.None, 10);

        // Now in 3 chunks, "rose" is common and only counts where "hafnium" is.
        Assert.Equal(["d0.md#0"], after.Select(h => h.ChunkId));
        Assert.Equal(fresh, after);
    }

    [Fact]
    public void Fts5_receives_quoted_terms_only()
    {
        Assert.Equal("\"a\"\"b\" OR \"NEAR\" OR \"x*\"", FtsQuery.AnyOf(["a\"b", "NEAR", "x*", "  ", "%%"]));
        Assert.Equal(["a\"b", "NEAR", "x*", "ab"], FtsQuery.PlainTerms(["a\"b", "NEAR", "x*", "  ", "%%", "a\0b"]));
    }

    protected override Task CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    protected override IKnowledgeIndex OpenIndex(int commonTermChunks = KeywordCandidates.CommonTermChunks) =>
        new SqliteKnowledgeIndex(new SqliteConnectionFactory(DatabaseFile), KnowledgeWorkspace.Segmenter) { CommonTermChunks = commonTermChunks };

    protected override Task DropDatabaseAsync()
    {
        // Pooled connections keep the file open; release them before deleting the folder.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
