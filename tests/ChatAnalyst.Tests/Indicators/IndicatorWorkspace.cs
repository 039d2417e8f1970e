using System.Text;
using ChatAnalyst.Knowledge;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Tests.Indicators;

/// <summary>A throw-away knowledge folder (articles + indicators + SQLite file) with the real store and loader over it.</summary>
internal sealed class IndicatorWorkspace : IDisposable
{
    public const string SeriesHeader = "id,name,name_zh,aliases,category,region,unit,measure,frequency";
    public const string ObservationsHeader = "series_id,period,value,qualifier,status,published,source,note";

    public IndicatorWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "ca-indicators-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Articles);
        Directory.CreateDirectory(Indicators);
        Connections = new SqliteConnectionFactory(Path.Combine(Root, "data", "test.db"));
        Store = new SqliteIndicatorStore(Connections);
        Loader = new IndicatorCsvLoader(Store, new ArticleFolderSourceResolver(new KnowledgePaths(new KnowledgeOptions(), Root)));
    }

    public string Root { get; }

    public string Articles => Path.Combine(Root, "knowledge", "articles");

    public string Indicators => Path.Combine(Root, "knowledge", "indicators");

    public SqliteConnectionFactory Connections { get; }

    public SqliteIndicatorStore Store { get; }

    public IndicatorCsvLoader Loader { get; }

    public IndicatorWorkspace Note(string fileName, string title, string? published = null, string publisher = "Test Publisher")
    {
        File.WriteAllText(
            Path.Combine(Articles, fileName),
            $"---\ntitle: \"{title}\"\nsource: https://example.org/{fileName}\npublisher: \"{publisher}\"\npublished: {published}\ntags: [test]\n---\n\n# {title}\n\nBody.\n",
            Encoding.UTF8);
        return this;
    }

    public IndicatorWorkspace Series(params string[] rows)
    {
        File.WriteAllText(Path.Combine(Indicators, "series.csv"), SeriesHeader + "\n" + string.Join("\n", rows) + "\n", Encoding.UTF8);
        return this;
    }

    public IndicatorWorkspace Observations(params string[] rows)
    {
        File.WriteAllText(Path.Combine(Indicators, "observations.csv"), ObservationsHeader + "\n" + string.Join("\n", rows) + "\n", Encoding.UTF8);
        return this;
    }

    public Task<IndicatorLoadReport> LoadAsync() => Loader.LoadAsync(Indicators);

    public void Dispose()
    {
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle can outlive the test on some platforms; the temp folder is then left for the OS to clean.
        }
    }
}
