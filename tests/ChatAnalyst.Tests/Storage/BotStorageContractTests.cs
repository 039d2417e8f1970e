using ChatAnalyst.Orchestration.Answers;
using Microsoft.Bot.Builder;

namespace ChatAnalyst.Tests.Storage;

/// <summary>
/// The Bot Framework storage contract, run against the SQLite and the PostgreSQL storage alike: items come back as
/// written with a fresh ETag per write, a stale ETag fails, <c>*</c> or no ETag overwrites, deletes of missing keys are
/// no-ops, and two instances racing on one item cannot both win.
/// </summary>
public sealed class BotStorageContractTests
{
    private static Dictionary<string, object> Change(string key, object value) => new() { [key] = value };

    private static async Task<StoredThing> ReadThingAsync(IStorage storage, string key) =>
        Assert.IsType<StoredThing>((await storage.ReadAsync([key]))[key]);

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task Item_is_read_back_as_its_own_type_with_an_etag(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider);
        var storage = backend.OpenStorage();

        await storage.WriteAsync(Change("a", new StoredThing { Name = "first", Count = 3, Notes = ["x", "y"] }));

        var read = await ReadThingAsync(storage, "a");
        Assert.Equal("first", read.Name);
        Assert.Equal(3, read.Count);
        Assert.Equal(["x", "y"], read.Notes);
        Assert.False(string.IsNullOrEmpty(read.ETag));
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task Every_write_issues_a_new_etag_and_the_current_one_may_write_again(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider);
        var storage = backend.OpenStorage();
        await storage.WriteAsync(Change("a", new StoredThing { Name = "v1" }));
        var first = await ReadThingAsync(storage, "a");

        first.Name = "v2";
        await storage.WriteAsync(Change("a", first));
        var second = await ReadThingAsync(storage, "a");

        Assert.Equal("v2", second.Name);
        Assert.NotEqual(first.ETag, second.ETag);
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task Write_with_a_stale_etag_fails_and_leaves_the_stored_item_alone(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider);
        var storage = backend.OpenStorage();
        await storage.WriteAsync(Change("a", new StoredThing { Name = "v1" }));
        var stale = await ReadThingAsync(storage, "a");
        var current = await ReadThingAsync(storage, "a");
        current.Name = "v2";
        await storage.WriteAsync(Change("a", current));

        stale.Name = "lost update";
        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(Change("a", stale)));

        Assert.Contains("ETag conflict", error.Message, StringComparison.Ordinal);
        Assert.Equal("v2", (await ReadThingAsync(storage, "a")).Name);
    }

    [Theory]
    [InlineData("Sqlite", "*")]
    [InlineData("Sqlite", "")]
    [InlineData("Sqlite", null)]
    [PostgresData("*")]
    [PostgresData("")]
    [PostgresData([null])]
    public async Task Star_or_missing_etag_overwrites(string provider, string? etag)
    {
        await using var backend = await StorageBackend.CreateAsync(provider);
        var storage = backend.OpenStorage();
        await storage.WriteAsync(Change("a", new StoredThing { Name = "v1" }));
        var before = await ReadThingAsync(storage, "a");

        await storage.WriteAsync(Change("a", new StoredThing { Name = "v2", ETag = etag! }));

        var after = await ReadThingAsync(storage, "a");
        Assert.Equal("v2", after.Name);
        Assert.NotEqual(before.ETag, after.ETag);
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task A_write_of_several_items_with_one_stale_etag_writes_none_of_them(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider);
        var storage = backend.OpenStorage();
        await storage.WriteAsync(Change("a", new StoredThing { Name = "a1" }));
        var stale = await ReadThingAsync(storage, "a");
        await storage.WriteAsync(Change("a", new StoredThing { Name = "a2", ETag = "*" }));

        stale.Name = "a3";
        await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(new Dictionary<string, object>
        {
            ["b"] = new StoredThing { Name = "b1" },
            ["a"] = stale,
        }));

        var read = await storage.ReadAsync(["a", "b"]);
        Assert.Equal("a2", Assert.IsType<StoredThing>(read["a"]).Name);
        Assert.False(read.ContainsKey("b"));
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task Read_returns_only_stored_keys_and_delete_of_a_missing_key_is_a_no_op(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider);
        var storage = backend.OpenStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new StoredThing { Name = "a" }, ["b"] = new StoredThing { Name = "b" } });

        await storage.DeleteAsync(["a", "never-written"]);

        var read = await storage.ReadAsync(["a", "b", "never-written"]);
        Assert.Equal(["b"], read.Keys);
        Assert.Empty(await storage.ReadAsync([]));
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task Bot_state_documents_keep_their_history_text_exactly_except_nul(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider);
        var storage = backend.OpenStorage();
        const string Tricky = "2025-01-01T00:00:00Z \"quoted\" \\ 数据 \u0001 é";
        var state = new Dictionary<string, object>
        {
            ["history"] = new List<ChatTurn> { new(ChatTurn.User, Tricky), new(ChatTurn.Assistant, "a\0b") },
            ["welcomed"] = true,
        };

        await storage.WriteAsync(Change("msteams/conversations/c1", state));

        var read = Assert.IsAssignableFrom<IDictionary<string, object>>((await storage.ReadAsync(["msteams/conversations/c1"]))["msteams/conversations/c1"]);
        var history = Assert.IsType<List<ChatTurn>>(read["history"]);
        Assert.Equal(Tricky, history[0].Text);
        Assert.Equal("a\uFFFDb", history[1].Text);
        Assert.Equal(true, read["welcomed"]);
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task Bot_state_documents_without_nul_keep_their_text_exactly_even_an_escape_written_out(string provider)
    {
        // Without a NUL the document is written straight to text; a user who types the escape itself ("\u0000" as six
        // characters) must get those characters back, not a replacement character.
        await using var backend = await StorageBackend.CreateAsync(provider);
        var storage = backend.OpenStorage();
        const string Tricky = "2025-01-01T00:00:00Z \"quoted\" \\ 数据 \u0001 é";
        const string Escape = "type \\u0000 or \\\\u0000";
        var state = new Dictionary<string, object>
        {
            ["history"] = new List<ChatTurn> { new(ChatTurn.User, Tricky), new(ChatTurn.Assistant, Escape) },
            ["welcomed"] = true,
        };

        await storage.WriteAsync(Change("msteams/conversations/c2", state));

        var read = Assert.IsAssignableFrom<IDictionary<string, object>>((await storage.ReadAsync(["msteams/conversations/c2"]))["msteams/conversations/c2"]);
        var history = Assert.IsType<List<ChatTurn>>(read["history"]);
        Assert.Equal(Tricky, history[0].Text);
        Assert.Equal(Escape, history[1].Text);
        Assert.Equal(true, read["welcomed"]);
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task Two_instances_racing_with_the_same_etag_let_exactly_one_write_win(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider);
        var instances = Enumerable.Range(0, 6).Select(_ => backend.OpenStorage()).ToList();
        await instances[0].WriteAsync(Change("race", new StoredThing { Name = "start" }));
        var etag = (await ReadThingAsync(instances[0], "race")).ETag;

        var attempts = instances.Select(async (storage, i) =>
        {
            try
            {
                await storage.WriteAsync(Change("race", new StoredThing { Name = "writer " + i, ETag = etag }));
                return i;
            }
            catch (ArgumentException)
            {
                return -1;
            }
        });
        var outcomes = await Task.WhenAll(attempts);

        var winner = Assert.Single(outcomes, o => o >= 0);
        Assert.Equal("writer " + winner, (await ReadThingAsync(instances[0], "race")).Name);
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task Migrations_run_twice_and_concurrently_without_error_or_data_loss(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider);
        var starting = Enumerable.Range(0, 4).Select(_ => backend.OpenStorage()).ToList();

        await Task.WhenAll(starting.Select(StorageBackend.InitializeAsync));
        await starting[0].WriteAsync(Change("kept", new StoredThing { Name = "kept" }));
        await StorageBackend.InitializeAsync(backend.OpenStorage());

        Assert.Equal("kept", (await ReadThingAsync(backend.OpenStorage(), "kept")).Name);
    }
}
