namespace ChatAnalyst.Tests.Indicators;

public sealed class IndicatorCsvLoaderTests : IDisposable
{
    private const string Note = "10-industrial-upgrading-2024.md";
    private readonly IndicatorWorkspace _ws = new();

    public IndicatorCsvLoaderTests()
    {
        _ws.Note(Note, "Industrial upgrading in 2024", "2025-01-17")
            .Series(
                "hitech-growth,High-tech manufacturing value added growth,高技术制造业增加值增速,hi-tech manufacturing|高技术制造业,industry,China,%,yoy_growth,annual",
                "robot-density,Robot density,机器人密度,robots per worker,robotics,China,\"robots per 10,000 employees\",level,annual");
    }

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task Loads_good_rows_and_resolves_the_note_front_matter()
    {
        _ws.Observations($"hitech-growth,2024,8.9,,actual,,{Note},full year");

        var report = await _ws.LoadAsync();

        Assert.Empty(report.Errors);
        Assert.Equal(2, report.Series);
        Assert.Equal(1, report.Observations);
        var latest = await _ws.Store.GetLatestAsync("hitech-growth");
        Assert.NotNull(latest);
        Assert.Equal("8.9", latest.Current.ValueText);
        Assert.Equal("Industrial upgrading in 2024", latest.Current.Source.Title);
        Assert.Equal($"https://example.org/{Note}", latest.Current.Source.Url);
        Assert.Equal("Test Publisher", latest.Current.Source.Publisher);
        Assert.Equal(new DateOnly(2025, 1, 17), latest.Current.Published);
        var robots = await _ws.Store.GetSeriesAsync("robot-density");
        Assert.Equal("robots per 10,000 employees", robots!.Unit);
    }

    [Fact]
    public async Task Each_bad_row_is_reported_with_file_and_line_and_the_rest_still_load()
    {
        _ws.Series(
            "hitech-growth,High-tech manufacturing value added growth,,,industry,China,%,yoy_growth,annual",
            "bad-unit,Bad unit series,,,industry,China,percent,level,annual",
            "bad-measure,Bad measure series,,,industry,China,%,levels,annual");
        _ws.Observations(
            $"hitech-growth,2024,8.9,,actual,,{Note},ok",
            $"hitech-growth,2024Q5,1.0,,actual,,{Note},bad period",
            $"hitech-growth,2023,8.9%,,actual,,{Note},bad value",
            $"hitech-growth,2024,8.9,,actual,,{Note},duplicate",
            "hitech-growth,2022,7.4,,actual,,99-missing-note.md,unknown source",
            $"no-such-series,2024,1,,actual,,{Note},unknown series",
            $"hitech-growth,2021,18.2,,actual,17/01/2025,{Note},bad date",
            $"hitech-growth,2020,7.1,,guess,,{Note},bad status",
            $"hitech-growth,2019,8.8,roughly,actual,,{Note},bad qualifier",
            $"bad-unit,2024,3,,actual,,{Note},series was rejected",
            $"hitech-growth,2025-01..11,9.2,,actual,,{Note},ok");

        var report = await _ws.LoadAsync();

        Assert.Equal(1, report.Series);
        Assert.Equal(2, report.Observations);
        string ErrorAt(string file, int line) => Assert.Single(report.Errors, e => e.File == file && e.Line == line).Reason;
        Assert.Contains("unit 'percent' is not allowed", ErrorAt("series.csv", 3), StringComparison.Ordinal);
        Assert.Contains("measure 'levels'", ErrorAt("series.csv", 4), StringComparison.Ordinal);
        Assert.Contains("'2024Q5' is not a period", ErrorAt("observations.csv", 3), StringComparison.Ordinal);
        Assert.Contains("value '8.9%' is not a plain decimal", ErrorAt("observations.csv", 4), StringComparison.Ordinal);
        Assert.Contains("duplicate row", ErrorAt("observations.csv", 5), StringComparison.Ordinal);
        Assert.Contains("line 2", ErrorAt("observations.csv", 5), StringComparison.Ordinal);
        Assert.Contains("unknown source '99-missing-note.md'", ErrorAt("observations.csv", 6), StringComparison.Ordinal);
        Assert.Contains("unknown series id 'no-such-series'", ErrorAt("observations.csv", 7), StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", ErrorAt("observations.csv", 8), StringComparison.Ordinal);
        Assert.Contains("status 'guess'", ErrorAt("observations.csv", 9), StringComparison.Ordinal);
        Assert.Contains("qualifier 'roughly'", ErrorAt("observations.csv", 10), StringComparison.Ordinal);
        Assert.Contains("unknown series id 'bad-unit'", ErrorAt("observations.csv", 11), StringComparison.Ordinal);
        Assert.Equal(11, report.Errors.Count);
        Assert.Equal("observations.csv:3: '2024Q5' is not a period: quarter must be 1–4", report.Errors.Single(e => e.Line == 3 && e.File == "observations.csv").ToString());
    }

    [Fact]
    public async Task An_unterminated_quote_is_reported_with_its_line_and_the_rows_after_it_still_load()
    {
        _ws.Observations(
            $"hitech-growth,2022,7.4,,actual,,{Note},before",
            $"hitech-growth,2023,\"8.9,,actual,,{Note},the quote never closes",
            $"hitech-growth,2024,8.9,,actual,,{Note},after",
            $"robot-density,2024,470,,actual,,{Note},last row");

        var report = await _ws.LoadAsync();

        var error = Assert.Single(report.Errors);
        Assert.Equal("observations.csv:3: unterminated quote; the row was skipped", error.ToString());
        Assert.Equal(3, report.Observations);
        Assert.Equal("470", (await _ws.Store.GetLatestAsync("robot-density"))!.Current.ValueText);
    }

    [Fact]
    public async Task Units_csv_extends_the_allowed_units()
    {
        File.WriteAllText(Path.Combine(_ws.Indicators, "units.csv"), "unit,description\n%,percent\nGW,gigawatts\n");
        _ws.Series("solar,Solar capacity,,,energy,China,GW,level,annual", "hitech-growth,High-tech growth,,,industry,China,trillion yuan,level,annual");
        _ws.Observations($"solar,2024,887,,actual,,{Note},");

        var report = await _ws.LoadAsync();

        Assert.Equal(1, report.Series);
        Assert.Contains("unit 'trillion yuan' is not allowed", Assert.Single(report.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loading_again_replaces_the_previous_content()
    {
        _ws.Observations($"hitech-growth,2024,8.9,,actual,,{Note},");
        await _ws.LoadAsync();
        _ws.Series("robot-density,Robot density,,,robotics,China,\"robots per 10,000 employees\",level,annual");
        _ws.Observations($"robot-density,2023,470,,actual,,{Note},");

        var report = await _ws.LoadAsync();

        Assert.Empty(report.Errors);
        Assert.Null(await _ws.Store.GetSeriesAsync("hitech-growth"));
        Assert.Empty(await _ws.Store.GetObservationsAsync("hitech-growth"));
        Assert.Equal("470", (await _ws.Store.GetLatestAsync("robot-density"))!.Current.ValueText);
    }

    [Fact]
    public async Task A_missing_series_file_is_reported_and_leaves_the_store_untouched()
    {
        _ws.Observations($"hitech-growth,2024,8.9,,actual,,{Note},");
        await _ws.LoadAsync();
        File.Delete(Path.Combine(_ws.Indicators, "series.csv"));

        var report = await _ws.LoadAsync();

        Assert.Equal("series.csv", Assert.Single(report.Errors).File);
        Assert.NotNull(await _ws.Store.GetSeriesAsync("hitech-growth"));
    }

    [Fact]
    public async Task Quoted_fields_with_commas_and_newlines_keep_their_line_numbers()
    {
        _ws.Observations(
            $"hitech-growth,2024,8.9,,actual,,{Note},\"a note, with a comma\nand a second line\"",
            $"hitech-growth,2024Q9,1,,actual,,{Note},bad");

        var report = await _ws.LoadAsync();

        Assert.Equal(4, Assert.Single(report.Errors).Line);
        var latest = await _ws.Store.GetLatestAsync("hitech-growth");
        Assert.Equal("a note, with a comma\nand a second line", latest!.Current.Note);
    }
}
