using ChatAnalyst.Knowledge;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Tests.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Tests.Indicators;

/// <summary>
/// The indicator catalog over PostgreSQL tables answers exactly as over the SQLite file (the curated folder of the
/// repository, and figures extracted from an article), and instances replacing the curated set at once take turns.
/// </summary>
public sealed class PostgresIndicatorTablesTests : IDisposable
{
    private readonly string _sqliteFile = Path.Combine(Path.GetTempPath(), "ca-pg-indicators-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_sqliteFile);
    }

    [PostgresFact]
    public async Task The_catalog_reads_the_same_from_postgres_as_from_sqlite()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        using var dataSource = database.CreateDataSource();
        using var postgresTables = new PostgresIndicatorTables(dataSource);
        using var sqliteTables = new SqliteIndicatorTables(new SqliteConnectionFactory(_sqliteFile));
        var postgres = new IndicatorCatalog(postgresTables);
        var sqlite = new IndicatorCatalog(sqliteTables);
        var paths = new KnowledgePaths(new KnowledgeOptions(), TestPaths.RepoRoot);
        var figure = new ExtractedFigure(
            "notes/a.md",
            "notes/a.md#2",
            new IndicatorSource("notes/a.md", "A note", "https://example.test/a", null, new DateOnly(2025, 3, 1)),
            new FigureCandidate("12.5", "%", null, "Test output growth", Period.Parse("2024"), "actual", "yoy_growth", "Test output grew 12.5% in 2024."));

        foreach (var catalog in new[] { postgres, sqlite })
        {
            var report = await new IndicatorCsvLoader(catalog, new ArticleFolderSourceResolver(paths)).LoadAsync(paths.Indicators);
            Assert.Empty(report.Errors);
            await catalog.ReplaceExtractedFiguresAsync("notes/a.md", [figure]);
        }

        var series = await sqlite.GetAllSeriesAsync();
        Assert.NotEmpty(series);
        Assert.Equal(Describe(series), Describe(await postgres.GetAllSeriesAsync()));
        foreach (var s in series)
        {
            Assert.Equal(Describe(await sqlite.GetObservationsAsync(s.Id)), Describe(await postgres.GetObservationsAsync(s.Id)));
        }

        Assert.Equal(figure, Assert.Single(await postgres.FindExtractedFiguresAsync("test output growth")));
        await postgres.RemoveExtractedFiguresAsync("notes/a.md");
        Assert.Empty(await postgres.FindExtractedFiguresAsync("test output growth"));
    }

    [PostgresFact]
    public async Task Two_instances_replacing_the_curated_set_at_once_leave_one_whole_copy()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        using var firstSource = database.CreateDataSource();
        using var secondSource = database.CreateDataSource();
        using var firstTables = new PostgresIndicatorTables(firstSource);
        using var secondTables = new PostgresIndicatorTables(secondSource);
        var paths = new KnowledgePaths(new KnowledgeOptions(), TestPaths.RepoRoot);
        var first = new IndicatorCatalog(firstTables);
        var second = new IndicatorCatalog(secondTables);

        // Both start at once and load the same folder, as every instance does at start.
        var reports = await Task.WhenAll(
            new IndicatorCsvLoader(first, new ArticleFolderSourceResolver(paths)).LoadAsync(paths.Indicators),
            new IndicatorCsvLoader(second, new ArticleFolderSourceResolver(paths)).LoadAsync(paths.Indicators));

        Assert.All(reports, r => Assert.Empty(r.Errors));
        Assert.Equal(reports[0].Series, (await second.GetAllSeriesAsync()).Count);
        var observations = 0;
        foreach (var s in await first.GetAllSeriesAsync())
        {
            observations += (await first.GetObservationsAsync(s.Id)).Sum(r => 1 + r.Superseded.Count);
        }

        Assert.Equal(reports[0].Observations, observations);
    }

    private static string Describe<T>(IEnumerable<T> items) => string.Join("\n", items.Select(i => System.Text.Json.JsonSerializer.Serialize(i)));
}
