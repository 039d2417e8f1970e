using ChatAnalyst.Bot.State;
using ChatAnalyst.Knowledge.Feedback;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChatAnalyst.Tests.Storage;

/// <summary>
/// One empty database of either back-end, from which a test opens as many storages as it likes: each
/// <see cref="OpenStorage"/> is a separate instance on the same database, as two bot instances would be.
/// </summary>
internal sealed class StorageBackend : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly TestPostgres.TestDatabase? _database;
    private readonly List<IDisposable> _owned = [];

    private StorageBackend(string? folder, TestPostgres.TestDatabase? database)
    {
        _folder = folder;
        _database = database;
    }

    public static async Task<StorageBackend> CreateAsync(string provider)
    {
        if (provider == "Postgres")
        {
            return new StorageBackend(null, await TestPostgres.CreateDatabaseAsync());
        }

        var folder = Path.Combine(Path.GetTempPath(), "chatanalyst-state-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new StorageBackend(folder, null);
    }

    /// <summary>A new storage instance (its own connection pool or factory) on this database.</summary>
    public IStorage OpenStorage()
    {
        if (_database is not null)
        {
            var dataSource = Own(_database.CreateDataSource());
            return Own(new PostgresBotStorage(dataSource));
        }

        return Own(new SqliteBotStorage(new SqliteConnectionFactory(Path.Combine(_folder!, "state.db"))));
    }

    /// <summary>A new feedback store instance on this database.</summary>
    public IFeedbackStore OpenFeedbackStore()
    {
        if (_database is not null)
        {
            return Own(new PostgresFeedbackStore(Own(_database.CreateDataSource())));
        }

        return Own(new SqliteFeedbackStore(new SqliteConnectionFactory(Path.Combine(_folder!, "state.db"))));
    }

    /// <summary>Creates the storage's tables (what the host does at start).</summary>
    public static Task InitializeAsync(IStorage storage) => storage switch
    {
        PostgresBotStorage postgres => postgres.InitializeAsync(),
        SqliteBotStorage sqlite => sqlite.InitializeAsync(),
        _ => throw new ArgumentException("Not one of ours: " + storage.GetType()),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
