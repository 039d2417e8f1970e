using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// A knowledge database the bot cannot write at start (locked by another process, or a read-only file): the bot still
/// starts, <c>/readyz</c> stays 503 with a reason naming the file, and the log says so in one line, with no stack trace.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DatabaseFaultTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "chatanalyst-dbfault-" + Guid.NewGuid().ToString("N"))).FullName;

    private string Database => Path.Combine(_folder, "bot.db");

    [Fact]
    public async Task A_database_locked_by_another_process_keeps_the_bot_not_ready_with_a_one_line_reason()
    {
        await using var holder = new SqliteConnection($"Data Source={Database};Pooling=False");
        await holder.OpenAsync();
        await using (var create = holder.CreateCommand())
        {
            create.CommandText = "CREATE TABLE held (x INTEGER); BEGIN EXCLUSIVE; INSERT INTO held VALUES (1);";
            await create.ExecuteNonQueryAsync();
        }

        var (status, logs) = await StartAndWaitForFailureAsync();

        Assert.Contains("database is locked", status, StringComparison.Ordinal);
        AssertOneLine(status, logs);
    }

    [ReadOnlyFileFact]
    public async Task A_read_only_database_file_keeps_the_bot_not_ready_with_a_one_line_reason()
    {
        await using (var create = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            await create.OpenAsync();
            await using var command = create.CreateCommand();
            command.CommandText = "CREATE TABLE earlier (x INTEGER);";
            await command.ExecuteNonQueryAsync();
        }

        Assert.True(MakeReadOnly(Database), "the database file could not be made read-only");
        try
        {
            var (status, logs) = await StartAndWaitForFailureAsync();

            Assert.Contains("readonly", status.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
            AssertOneLine(status, logs);
        }
        finally
        {
            Run("chattr", "-i", Database);
            File.SetUnixFileMode(Database, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public void Dispose()
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

    private void AssertOneLine(string status, LogCapture logs)
    {
        Assert.StartsWith("failed: the database " + Database, status, StringComparison.Ordinal);
        Assert.Contains("ChatAnalyst:Knowledge:Database", status, StringComparison.Ordinal);
        var error = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Null(error.Exception);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(Database, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Starts the bot on the database; returns what <c>/readyz</c> said once loading ended.</summary>
    private async Task<(string Status, LogCapture Logs)> StartAndWaitForFailureAsync()
    {
        var (status, ready, logs) = await ReadinessProbe.StartAsync("--ChatAnalyst:Knowledge:Database=" + Database);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        return ((string?)ready?["status"] ?? string.Empty, logs);
    }

    /// <summary>Makes the file read-only for this process: by mode, or for root (which ignores modes) with chattr +i.</summary>
    internal static bool MakeReadOnly(string file)
    {
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        if (!CanWrite(file))
        {
            return true;
        }

        Run("chattr", "+i", file);
        return !CanWrite(file);
    }

    private static bool CanWrite(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    internal static void Run(string program, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true });
            process?.WaitForExit(10_000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No such program: the caller checks whether the file became read-only.
        }
    }
}

/// <summary>
/// A test that needs a file this process cannot write. Root ignores file modes, so as root it takes <c>chattr +i</c>;
/// where neither works the test is skipped with a message saying so.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyFileFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> SkipReason = new(() =>
    {
        var file = Path.Combine(Path.GetTempPath(), "chatanalyst-readonly-probe-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, "probe");
        try
        {
            return DatabaseFaultTests.MakeReadOnly(file) ? null : "No read-only file can be made here (root without chattr +i).";
        }
        finally
        {
            DatabaseFaultTests.Run("chattr", "-i", file);
            File.Delete(file);
        }
    });

    public ReadOnlyFileFactAttribute() => Skip = SkipReason.Value;
}
