using ChatAnalyst.Knowledge;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Tests.Indicators;

public sealed class RealIndicatorsFolderTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "ca-real-indicators-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" }.Where(File.Exists))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_curated_indicator_files_load_without_row_errors()
    {
        var paths = new KnowledgePaths(new KnowledgeOptions(), TestPaths.RepoRoot);
        using var tables = new SqliteIndicatorTables(new SqliteConnectionFactory(_database));
        var store = new IndicatorCatalog(tables);
        var loader = new IndicatorCsvLoader(store, new ArticleFolderSourceResolver(paths));

        var report = await loader.LoadAsync(paths.Indicators);

        Assert.True(report.Errors.Count == 0, "Row errors:\n" + string.Join('\n', report.Errors));
        Assert.True(report.Series > 0);
        Assert.True(report.Observations > 0);
        var series = await store.GetAllSeriesAsync();
        Assert.Equal(report.Series, series.Count);
    }

    [Theory]
    [InlineData("What was software revenue in January-November 2024?", "software-business-revenue")]
    [InlineData("How fast did renewable generation grow?", "renewable-generation-growth")]
    [InlineData("人工智能核心产业规模是多少？", "core-ai-industry-size")]
    [InlineData("How many 5G base stations does China have?", "5g-base-stations")]
    public async Task Questions_find_the_curated_series_they_ask_about(string question, string expectedId)
    {
        var paths = new KnowledgePaths(new KnowledgeOptions(), TestPaths.RepoRoot);
        using var tables = new SqliteIndicatorTables(new SqliteConnectionFactory(_database));
        var store = new IndicatorCatalog(tables);
        await new IndicatorCsvLoader(store, new ArticleFolderSourceResolver(paths)).LoadAsync(paths.Indicators);

        var matches = await store.FindSeriesAsync(question);

        Assert.NotEmpty(matches);
        Assert.Equal(expectedId, matches[0].Series.Id);
    }
}
