using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Tests.Knowledge;

public sealed class SqliteKnowledgeIndexTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatanalyst-index", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Schema_creation_is_idempotent_and_leaves_other_tables_alone()
    {
        var connections = new SqliteConnectionFactory(Path.Combine(_folder, "kb.db"));
        await using (var connection = await connections.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE indicator_observations (id INTEGER PRIMARY KEY, value TEXT); INSERT INTO indicator_observations(value) VALUES ('9.2');";
            await command.ExecuteNonQueryAsync();
        }

        using (var first = new SqliteKnowledgeIndex(connections, new ChineseSegmenter()))
        {
            await first.InitializeAsync();
            await first.UpsertDocumentAsync(Document("a.md"), [new ChunkRecord("a.md#0", 0, null, "Alpha text.", new float[] { 1, 0 })]);
        }

        using var second = new SqliteKnowledgeIndex(connections, new ChineseSegmenter());
        await second.InitializeAsync();
        await second.InitializeAsync();

        Assert.Equal(new KnowledgeCounts(1, 1), await second.GetCountsAsync());
        await using var check = await connections.OpenAsync();
        await using var query = check.CreateCommand();
        query.CommandText = "SELECT value FROM indicator_observations";
        Assert.Equal("9.2", await query.ExecuteScalarAsync());
        query.CommandText = "SELECT value FROM knowledge_meta WHERE key = 'schema_version'";
        Assert.Equal("1", await query.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Vectors_round_trip_as_float32_and_only_for_the_requested_model()
    {
        using var index = new SqliteKnowledgeIndex(new SqliteConnectionFactory(Path.Combine(_folder, "kb.db")), new ChineseSegmenter());
        float[] vector = [0.25f, -0.5f, 0.125f];
        await index.UpsertDocumentAsync(Document("a.md"), [new ChunkRecord("a.md#0", 0, "Key figures", "Alpha text.", vector)]);

        var sameModel = Assert.Single(await index.LoadChunksAsync("test-model"));
        var otherModel = Assert.Single(await index.LoadChunksAsync("other-model"));

        Assert.Equal(vector, sameModel.Vector);
        Assert.Equal("Key figures", sameModel.Section);
        Assert.Null(otherModel.Vector);
    }

    [Fact]
    public async Task Every_write_changes_the_version_and_removal_drops_keyword_entries()
    {
        using var index = new SqliteKnowledgeIndex(new SqliteConnectionFactory(Path.Combine(_folder, "kb.db")), new ChineseSegmenter());
        var v0 = await index.GetVersionAsync();
        await index.UpsertDocumentAsync(Document("a.md"), [new ChunkRecord("a.md#0", 0, null, "Lutetium refining.", ReadOnlyMemory<float>.Empty)]);
        var v1 = await index.GetVersionAsync();
        Assert.Single(await index.KeywordSearchAsync(["lutetium"], KnowledgeFilter.None, 10));

        Assert.True(await index.RemoveDocumentAsync("a.md"));
        var v2 = await index.GetVersionAsync();

        Assert.True(v0 < v1 && v1 < v2);
        Assert.Empty(await index.KeywordSearchAsync(["lutetium"], KnowledgeFilter.None, 10));
        Assert.False(await index.RemoveDocumentAsync("a.md"));
    }

    private static StoredDocument Document(string id) =>
        new(id, "/tmp/" + id, "/tmp", "Title " + id, "https://example.test/" + id, null, new DateOnly(2024, 1, 2), ["t"], "hash", "test-model", 1);
}
