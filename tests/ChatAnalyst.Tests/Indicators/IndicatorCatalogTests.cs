using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Ingestion;

namespace ChatAnalyst.Tests.Indicators;

public sealed class IndicatorCatalogTests : IDisposable
{
    private readonly IndicatorWorkspace _ws = new();

    public IndicatorCatalogTests()
    {
        _ws.Note("a-early.md", "Early release", "2025-01-17")
            .Note("b-revised.md", "Revised release", "2025-03-01")
            .Note("c-outlook.md", "Outlook", "2024-12-20")
            .Series(IndicatorWorkspace.SampleSeries)
            .Observations(
                "hitech-growth,2024,8.9,,preliminary,,a-early.md,first release",
                "hitech-growth,2024,9.1,,actual,,b-revised.md,revised",
                "hitech-growth,2025,9.5,,forecast,,c-outlook.md,outlook",
                "hitech-growth,2023,2.7,,actual,,a-early.md,",
                "software-revenue,2024-01..11,12.2903,,actual,,a-early.md,",
                "solar-capacity,2024,887,about,actual,,a-early.md,",
                "wind-capacity,2024,521,,actual,,a-early.md,");
    }

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task Latest_published_release_wins_and_the_earlier_one_is_superseded()
    {
        await LoadCleanAsync();

        var resolved = Assert.Single(await _ws.Store.GetObservationsAsync("hitech-growth", Period.Parse("2024")));

        Assert.Equal("9.1", resolved.Current.ValueText);
        Assert.Equal("b-revised.md", resolved.Current.Source.DocumentId);
        var older = Assert.Single(resolved.Superseded);
        Assert.Equal("8.9", older.ValueText);
        var series = (await _ws.Store.GetSeriesAsync("hitech-growth"))!;
        var note = IndicatorText.SupersededBy(series, resolved.Current);
        Assert.Contains("9.1%", note, StringComparison.Ordinal);
        Assert.Contains("2025-03-01", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forecast_is_kept_apart_from_actuals_and_never_reported_as_latest_actual()
    {
        await LoadCleanAsync();

        var latest = await _ws.Store.GetLatestAsync("hitech-growth");
        var for2025 = Assert.Single(await _ws.Store.GetObservationsAsync("hitech-growth", Period.Parse("2025")));

        Assert.Equal("2024", latest!.Current.Period.ToString());
        Assert.Equal("actual", latest.Current.Status);
        Assert.Equal("forecast", for2025.Current.Status);
        Assert.Empty(for2025.Superseded);
        var text = IndicatorText.Figure((await _ws.Store.GetSeriesAsync("hitech-growth"))!, for2025.Current);
        Assert.Contains("forecast, not an actual figure", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" was ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_January_to_November_figure_is_labelled_as_cumulative_not_full_year()
    {
        await LoadCleanAsync();

        var latest = (await _ws.Store.GetLatestAsync("software-revenue"))!.Current;
        var text = IndicatorText.Figure((await _ws.Store.GetSeriesAsync("software-revenue"))!, latest);

        Assert.False(latest.Period.IsFullYear);
        Assert.Equal("Software business revenue was 12.2903 trillion yuan in January–November 2024 (cumulative, not a full-year figure).", text);
        Assert.Empty(await _ws.Store.GetObservationsAsync("software-revenue", Period.Parse("2024")));
    }

    [Theory]
    [InlineData("software revenue", "software-revenue")]
    [InlineData("sofware revenu", "software-revenue")]
    [InlineData("软件业务收入", "software-revenue")]
    [InlineData("high tech manufacturing growth", "hitech-growth")]
    [InlineData("光伏装机", "solar-capacity")]
    [InlineData("wind power capacity", "wind-capacity")]
    [InlineData("What was software revenue in January-November 2024?", "software-revenue")]
    [InlineData("How fast did high-tech manufacturing grow in 2024?", "hitech-growth")]
    public async Task Finds_series_by_name_alias_chinese_and_with_typos(string query, string expected)
    {
        await LoadCleanAsync();

        var matches = await _ws.Store.FindSeriesAsync(query);

        Assert.NotEmpty(matches);
        Assert.Equal(expected, matches[0].Series.Id);
    }

    [Fact]
    public async Task Unrelated_query_finds_no_series()
    {
        await LoadCleanAsync();

        Assert.Empty(await _ws.Store.FindSeriesAsync("banana exports"));
    }

    [Fact]
    public async Task A_sentence_shared_by_neighbouring_chunks_gives_its_figure_once()
    {
        await LoadCleanAsync();
        var indexer = new ExtractedFigureIndexer(new FigureExtractor(), _ws.Store);
        const string shared = "Zorbonian kelp exports reached 41.7 million tonnes in 2031.";
        var document = new IndexedDocument(
            "kelp.md", "Kelp", "https://example.org/kelp", "Test Publisher", new DateOnly(2032, 1, 5), [],
            [
                new IndexedChunk("kelp.md#0", 0, null, "Kelp farms covered 12 coastal districts in 2031. " + shared),
                new IndexedChunk("kelp.md#1", 1, null, shared + " Kelp prices fell 3.5% in 2031."),
            ]);

        await indexer.OnDocumentIndexedAsync(document, CancellationToken.None);

        var figure = Assert.Single(await _ws.Store.FindExtractedFiguresAsync("Zorbonian kelp exports"), f => f.Figure.Value == "41.7");
        Assert.Equal("kelp.md#0", figure.ChunkId);
    }

    [Fact]
    public async Task Extracted_figures_are_found_replaced_per_document_and_hidden_when_a_curated_row_covers_them()
    {
        await LoadCleanAsync();
        var indexer = new ExtractedFigureIndexer(new FigureExtractor(), _ws.Store);
        var document = new IndexedDocument(
            "a-early.md", "Software and industry, January to November 2024", "https://example.org/a", "Test Publisher", new DateOnly(2025, 1, 17), [],
            [
                new IndexedChunk("a-early.md#0", 0, "Key figures", "Software business revenue totalled 12.2903 trillion yuan in January–November 2024. Cloud computing and big data services earned 1.2691 trillion yuan."),
                new IndexedChunk("a-early.md#1", 1, "Exports", "Software exports reached 51.01 billion US dollars, up 4.8% year on year."),
            ]);

        await indexer.OnDocumentIndexedAsync(document, CancellationToken.None);
        await indexer.OnDocumentIndexedAsync(document, CancellationToken.None);
        var cloud = await _ws.Store.FindExtractedFiguresAsync("cloud computing revenue");
        var software = await _ws.Store.FindExtractedFiguresAsync("software business revenue");
        var exports = await _ws.Store.FindExtractedFiguresAsync("software exports");

        var figure = Assert.Single(cloud);
        Assert.Equal("1.2691", figure.Figure.Value);
        Assert.Equal("trillion yuan", figure.Figure.Unit);
        Assert.Equal("2024-01..11", figure.Figure.Period?.ToString());
        Assert.Equal("a-early.md#0", figure.ChunkId);
        Assert.DoesNotContain(software, f => f.Figure.Value == "12.2903");
        Assert.Contains(exports, f => f.Figure.Value == "51.01" && f.Figure.Unit == "billion USD" && f.ChunkId == "a-early.md#1");

        await indexer.OnDocumentRemovedAsync("a-early.md", CancellationToken.None);
        Assert.Empty(await _ws.Store.FindExtractedFiguresAsync("cloud computing revenue"));
    }

    private async Task LoadCleanAsync()
    {
        var report = await _ws.LoadAsync();
        Assert.Empty(report.Errors);
    }
}
