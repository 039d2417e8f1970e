using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Tests.Orchestration;

/// <summary>
/// A temp SQLite file for the sample knowledge base, shared by the tests of one class: the first host ingests the
/// articles, the later ones find them unchanged (ingestion is incremental). Deleted on dispose.
/// </summary>
public sealed class KnowledgeDatabaseFixture : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatanalyst-llm-" + Guid.NewGuid().ToString("N"));

    public KnowledgeDatabaseFixture()
    {
        Directory.CreateDirectory(_folder);
    }

    /// <summary>The temp folder the database lives in (other files of a test may go beside it).</summary>
    public string Folder => _folder;

    public string Database => Path.Combine(_folder, "knowledge.db");

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
}
