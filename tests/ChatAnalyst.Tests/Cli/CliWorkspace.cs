using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Tests.Cli;

/// <summary>
/// A working directory outside the repository and a database of its own, shared by the CLI tests of one class: the
/// first command ingests the sample knowledge base, later ones find it unchanged.
/// </summary>
public sealed class CliWorkspace : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "chatanalyst-cli", Guid.NewGuid().ToString("N"));

    public string DatabaseSetting => "ChatAnalyst:Knowledge:Database=" + Path.Combine(Folder, "kb.db");

    /// <summary>Runs <c>chatanalyst</c> in <see cref="Folder"/> on this workspace's database.</summary>
    internal Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    internal Task<CliResult> RunWithInputAsync(string? input, params string[] args) =>
        CliProcess.RunAsync(Folder, input, [.. args, "--set", DatabaseSetting]);

    /// <summary>Runs <c>chatanalyst</c> in a folder of <see cref="Folder"/>, created when missing.</summary>
    internal Task<CliResult> RunInAsync(string subfolder, params string[] args) =>
        CliProcess.RunAsync(Directory.CreateDirectory(Path.Combine(Folder, subfolder)).FullName, null, [.. args, "--set", DatabaseSetting]);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var ingest = await RunAsync("ingest");
        if (ingest.ExitCode != 0)
        {
            throw new InvalidOperationException("Ingesting the sample knowledge base failed: " + ingest);
        }
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return Task.CompletedTask;
    }
}
