using System.Globalization;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Tests.Storage;

/// <summary>
/// The factory sets a native connection up once; the pool hands the same native connection out again, and it must
/// still carry every setting then. Run alone: other test classes clear every SQLite pool when they finish, which
/// would hand this test a new native connection in the middle of it.
/// </summary>
[Collection(SqlitePoolCollectionDefinition.Name)]
public sealed class SqliteConnectionFactoryTests : IDisposable
{
    // journal mode, foreign keys, busy timeout (ms), synchronous (1 = NORMAL).
    private static readonly string[] Expected = ["wal", "1", "5000", "1"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatanalyst-connections", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_connection_handed_out_again_by_the_pool_keeps_its_settings()
    {
        var connections = new SqliteConnectionFactory(Path.Combine(_folder, "kb.db"));
        object? first;
        await using (var connection = await connections.OpenAsync())
        {
            first = connection.Handle;
            Assert.Equal(Expected, await SettingsAsync(connection));
        }

        for (var i = 0; i < 3; i++)
        {
            await using var again = await connections.OpenAsync();

            // The same native connection: the case where the settings are not applied again.
            Assert.Same(first, again.Handle);
            Assert.Equal(Expected, await SettingsAsync(again));
        }

        // A second factory on the same file shares the pool, and its connections carry the settings too.
        await using var other = await new SqliteConnectionFactory(Path.Combine(_folder, "kb.db")).OpenAsync();
        Assert.Equal(Expected, await SettingsAsync(other));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task<string[]> SettingsAsync(SqliteConnection connection)
    {
        var values = new List<string>();
        foreach (var pragma in new[] { "journal_mode", "foreign_keys", "busy_timeout", "synchronous" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA " + pragma;
            values.Add(Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!);
        }

        return [.. values];
    }
}

/// <summary>Tests that watch the SQLite pool itself, run after the parallel ones and one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SqlitePoolCollectionDefinition
{
    public const string Name = "SQLite pool";
}
