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

    /// <summary>Four series the store and plugin tests share: a year-to-date level, a growth rate and two capacities.</summary>
    public static readonly string[] SampleSeries =
    [
        "software-revenue,Software business revenue,软件业务收入,software revenue|软件收入,digital,China,trillion yuan,level,ytd",
        "hitech-growth,High-tech manufacturing value added growth,高技术制造业增加值增速,hi-tech manufacturing|高技术制造业,industry,China,%,yoy_growth,annual",
        "solar-capacity,Solar power installed capacity,太阳能发电装机容量,photovoltaic capacity|光伏装机,energy,China,million kW,level,annual",
        "wind-capacity,Wind power installed capacity,风电装机容量,wind capacity|风电装机,energy,China,million kW,level,annual",
    ];

    public IndicatorWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "ca-indicators-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Articles);
        Directory.CreateDirectory(Indicators);
        // The curators' unit list, as in the real indicator folder (the built-in fallback holds only general units).
        File.Copy(Path.Combine(TestPaths.Knowledge, "indicators", "units.csv"), Path.Combine(Indicators, "units.csv"));
        Connections = new SqliteConnectionFactory(Path.Combine(Root, "data", "test.db"));
        Tables = new SqliteIndicatorTables(Connections);
        Store = new IndicatorCatalog(Tables);
        Loader = new IndicatorCsvLoader(Store, new ArticleFolderSourceResolver(new KnowledgePaths(new KnowledgeOptions(), Root)));
    }

    public string Root { get; }

    public string Articles => Path.Combine(Root, "knowledge", "articles");

    public string Indicators => Path.Combine(Root, "knowledge", "indicators");

    public SqliteConnectionFactory Connections { get; }

    public SqliteIndicatorTables Tables { get; }

    public IndicatorCatalog Store { get; }

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
        Tables.Dispose();
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
