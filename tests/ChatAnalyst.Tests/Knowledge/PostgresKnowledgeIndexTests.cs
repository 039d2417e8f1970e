using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChatAnalyst.Tests.Knowledge;

/// <summary>
/// The knowledge index contract on a real PostgreSQL (skipped, saying so, without one), plus what only a shared
/// database needs: instances migrating at once, and change notifications that survive a lost connection.
/// </summary>
public sealed class PostgresKnowledgeIndexTests : KnowledgeIndexContractTests
{
    private TestPostgres.TestDatabase? _database;

    protected override string? SkipReason => TestPostgres.SkipReason;

    [SkippableFact]
    public async Task Two_instances_starting_at_once_both_create_the_schema()
    {
        await IndexAsync();
        await using var fresh = await TestPostgres.CreateDatabaseAsync();
        await using var first = Open(fresh);
        await using var second = Open(fresh);

        await Task.WhenAll(first.InitializeAsync(), second.InitializeAsync());

        Assert.Equal(new KnowledgeCounts(0, 0), await first.GetCountsAsync());
        Assert.Equal(new KnowledgeCounts(0, 0), await second.GetCountsAsync());
    }

    [SkippableFact]
    public async Task A_listening_instance_learns_of_another_instances_write_through_a_notification()
    {
        var reader = (PostgresKnowledgeIndex)await IndexAsync();
        await WaitUntilAsync(() => Task.FromResult(reader.IsListening));
        var writer = Own(OpenIndex());

        await writer.UpsertDocumentAsync(Document("a.md"), [new ChunkRecord("a.md#0", 0, null, "Text.", ReadOnlyMemory<float>.Empty)]);
        var written = await writer.GetVersionAsync();

        // While listening, GetVersionAsync does not ask the database: only the notification can have moved it.
        await WaitUntilAsync(async () => await reader.GetVersionAsync() == written);
        Assert.True(reader.IsListening);
    }

    [SkippableFact]
    public async Task An_instance_whose_listening_connection_was_cut_catches_up_on_the_writes_it_missed()
    {
        var reader = (PostgresKnowledgeIndex)await IndexAsync();
        await WaitUntilAsync(() => Task.FromResult(reader.IsListening));
        var writer = Own(OpenIndex());

        await using (var admin = new NpgsqlConnection(_database!.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'chatanalyst-listen-{PostgresKnowledgeSchema.Channel}' AND datname = current_database()",
                admin);
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }

        await writer.UpsertDocumentAsync(Document("a.md"), [new ChunkRecord("a.md#0", 0, null, "Text.", ReadOnlyMemory<float>.Empty)]);
        var written = await writer.GetVersionAsync();

        // Whether the write landed before or after the reconnect, the reader must end up listening and up to date.
        await WaitUntilAsync(async () => reader.IsListening && await reader.GetVersionAsync() == written);
        Assert.Equal("a.md", Assert.Single(await reader.ListDocumentsAsync()).Id);
    }

    protected override async Task CreateDatabaseAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    protected override IKnowledgeIndex OpenIndex(int commonTermChunks = KeywordCandidates.CommonTermChunks) => Open(_database!, commonTermChunks);

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private PostgresKnowledgeIndex Open(TestPostgres.TestDatabase database, int commonTermChunks = KeywordCandidates.CommonTermChunks) =>
        new(Own(database.CreateDataSource()), KnowledgeWorkspace.Segmenter, NullLogger<PostgresKnowledgeIndex>.Instance) { CommonTermChunks = commonTermChunks };

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 15 seconds.");
            await Task.Delay(20);
        }
    }
}
