using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Indicators.Charts;
using ChatAnalyst.Knowledge.Ingestion;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Plugins;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Tests.Indicators;

public sealed class IndicatorsPluginTests : IDisposable
{
    private readonly IndicatorWorkspace _ws = new();
    private readonly Kernel _kernel = new();

    public IndicatorsPluginTests()
    {
        _ws.Note("a-early.md", "Early release", "2025-01-17", "NBS")
            .Note("b-revised.md", "Revised release", "2025-03-01", "MIIT")
            .Note("c-outlook.md", "Outlook", "2024-12-20", "CIO World")
            .Series(IndicatorWorkspace.SampleSeries)
            .Observations(
                "hitech-growth,2024,8.9,,preliminary,,a-early.md,",
                "hitech-growth,2024,9.1,,actual,,b-revised.md,",
                "hitech-growth,2025,9.5,,forecast,,c-outlook.md,",
                "hitech-growth,2023,2.7,,actual,,a-early.md,",
                "hitech-growth,2022,7.4,,actual,,a-early.md,",
                "software-revenue,2024-01..11,12.2903,,actual,,a-early.md,",
                "solar-capacity,2023,609,,actual,,a-early.md,",
                "solar-capacity,2024,887,about,actual,,a-early.md,",
                "wind-capacity,2023,441,,actual,,a-early.md,",
                "wind-capacity,2024,521,,actual,,a-early.md,");
        _kernel.Plugins.AddFromObject(new IndicatorsPlugin(_ws.Store, new IndicatorChartRenderer()), IndicatorsPlugin.PluginName);
    }

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task Get_indicator_without_period_states_the_latest_period_and_that_it_is_not_a_full_year()
    {
        await LoadAsync();

        var evidence = await InvokeAsync("get_indicator", ("id", "software-revenue"));

        var item = Assert.Single(evidence.Items);
        Assert.Equal(EvidenceKind.Figure, item.Kind);
        Assert.Equal("Software business revenue was 12.2903 trillion yuan in January–November 2024 (cumulative, not a full-year figure).", item.Text);
        Assert.Equal(("12.2903", "trillion yuan", "2024-01..11", "January–November 2024", "actual"), (item.Figure!.Value, item.Figure.Unit, item.Figure.Period, item.Figure.PeriodLabel, item.Figure.Status));
        Assert.Equal(new SourceInfo("a-early.md", "Early release", "https://example.org/a-early.md", "NBS", new DateOnly(2025, 1, 17)), item.Source);
        Assert.Contains("January–November 2024", evidence.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_indicator_reports_the_revised_figure_first_and_the_earlier_one_as_superseded()
    {
        await LoadAsync();

        var evidence = await InvokeAsync("get_indicator", ("id", "hitech-growth"), ("period", "2024"));

        Assert.Equal(2, evidence.Items.Count);
        Assert.Equal("9.1", evidence.Items[0].Figure!.Value);
        Assert.Null(evidence.Items[0].Figure!.SupersededBy);
        Assert.Equal("b-revised.md", evidence.Items[0].Source.DocumentId);
        var older = evidence.Items[1].Figure!;
        Assert.Equal(("8.9", "preliminary"), (older.Value, older.Status));
        Assert.Contains("9.1%", older.SupersededBy, StringComparison.Ordinal);
        Assert.Contains("2025-03-01", older.SupersededBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forecast_is_returned_as_a_forecast_and_the_latest_figure_stays_the_actual()
    {
        await LoadAsync();

        var forecast = Assert.Single((await InvokeAsync("get_indicator", ("id", "hitech-growth"), ("period", "2025"))).Items);
        var latest = await InvokeAsync("get_indicator", ("id", "hitech-growth"));

        Assert.Equal("forecast", forecast.Figure!.Status);
        Assert.Contains("forecast, not an actual figure", forecast.Text, StringComparison.Ordinal);
        Assert.Equal(("2024", "actual"), (latest.Items[0].Figure!.Period, latest.Items[0].Figure!.Status));
        Assert.Contains("forecast for 2025", latest.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-id", null, "find_indicators")]
    [InlineData("hitech-growth", "sometime soon", "not a period")]
    [InlineData("hitech-growth", "2019", "no figure for 2019")]
    public async Task Expected_failures_come_back_as_a_sentence_not_an_exception(string id, string? period, string expected)
    {
        await LoadAsync();

        var evidence = period is null
            ? await InvokeAsync("get_indicator", ("id", id))
            : await InvokeAsync("get_indicator", ("id", id), ("period", period));

        Assert.Empty(evidence.Items);
        Assert.Contains(expected, evidence.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_indicators_matches_a_typo_and_returns_the_latest_figure()
    {
        await LoadAsync();

        var evidence = await InvokeAsync("find_indicators", ("query", "sofware revenue"));

        Assert.Equal("software-revenue", evidence.Items[0].Figure!.IndicatorId);
        Assert.Contains("latest figure", evidence.Message, StringComparison.Ordinal);
        // The items name each series already; the message does not repeat them (prompt tokens).
        Assert.DoesNotContain("software-revenue", evidence.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_indicators_puts_figures_side_by_side_and_says_which_is_larger()
    {
        await LoadAsync();

        var evidence = await InvokeAsync("compare_indicators", ("ids", "wind-capacity, solar-capacity"));

        Assert.Equal(["wind-capacity", "solar-capacity"], evidence.Items.Select(i => i.Figure!.IndicatorId));
        Assert.All(evidence.Items, i => Assert.Equal("2024", i.Figure!.Period));
        Assert.Contains("Solar power installed capacity (about 887 million kW) is larger than Wind power installed capacity (521 million kW)", evidence.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_indicators_in_different_units_says_they_are_not_comparable()
    {
        await LoadAsync();

        var evidence = await InvokeAsync("compare_indicators", ("ids", "solar-capacity,hitech-growth"), ("period", "2024"));

        Assert.Equal(2, evidence.Items.Count);
        Assert.Contains("not directly comparable", evidence.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indicator_series_lists_every_figure_in_period_order_with_status()
    {
        await LoadAsync();

        var evidence = await InvokeAsync("indicator_series", ("id", "hitech-growth"));

        Assert.Equal(
            ["2022 actual", "2023 actual", "2024 actual", "2024 preliminary", "2025 forecast"],
            evidence.Items.Select(i => $"{i.Figure!.Period} {i.Figure.Status}"));
    }

    [Fact]
    public async Task Find_figures_returns_extracted_figures_with_their_sentence()
    {
        await LoadAsync();
        var indexer = new ExtractedFigureIndexer(new FigureExtractor(), _ws.Store);
        await indexer.OnDocumentIndexedAsync(
            new IndexedDocument("c-outlook.md", "Outlook", "https://example.org/c", "CIO World", null, [], [new IndexedChunk("c#0", 0, null, "Cloud computing revenue grew 10.5% in the first half of 2025.")]),
            CancellationToken.None);

        var evidence = await InvokeAsync("find_figures", ("query", "cloud computing revenue"));

        var item = Assert.Single(evidence.Items);
        Assert.Equal(("10.5", "%", "2025-01..06", "January–June 2025"), (item.Figure!.Value, item.Figure.Unit, item.Figure.Period, item.Figure.PeriodLabel));
        Assert.Equal("Cloud computing revenue grew 10.5% in the first half of 2025.", item.Figure.Sentence);
        Assert.Contains("not a full-year figure", item.Text, StringComparison.Ordinal);
        Assert.Equal("c-outlook.md", item.Source.DocumentId);
    }

    [Fact]
    public async Task Chart_indicators_renders_a_line_chart_png_without_the_forecast()
    {
        await LoadAsync();

        var evidence = await InvokeAsync("chart_indicators", ("ids", "hitech-growth"), ("from", "2022"), ("to", "2025"));

        Assert.NotNull(evidence.Chart);
        PngAssert.IsPng(evidence.Chart.Png, evidence.Chart.Width, evidence.Chart.Height);
        Assert.Equal(3, evidence.Items.Count);
        Assert.DoesNotContain(evidence.Items, i => i.Figure!.Status == "forecast");
        Assert.Contains("left out", evidence.Message, StringComparison.Ordinal);
        Assert.Contains(evidence.Chart.Facts, f => (f.Indicator, f.Period, f.Value, f.Unit, f.Status, f.Source.DocumentId) == ("High-tech manufacturing value added growth", "2024", "9.1", "%", "actual", "b-revised.md"));
    }

    [Fact]
    public async Task Chart_indicators_for_one_period_draws_bars()
    {
        await LoadAsync();

        var bars = await InvokeAsync("chart_indicators", ("ids", "solar-capacity,wind-capacity"), ("from", "2024"), ("to", "2024"));

        Assert.Contains("bar chart, one panel", bars.Message, StringComparison.Ordinal);
        PngAssert.IsPng(bars.Chart!.Png, 800, 450);
        Assert.Equal(2, bars.Chart.Facts.Count);
    }

    [Fact]
    public async Task Chart_indicators_in_different_units_charts_each_in_a_panel_of_its_own()
    {
        await LoadAsync();

        var mixed = await InvokeAsync("chart_indicators", ("ids", "solar-capacity,hitech-growth"));

        Assert.NotNull(mixed.Chart);
        Assert.Contains("2 panels, one per unit and measure", mixed.Message, StringComparison.Ordinal);
        Assert.Equal(["Solar power installed capacity", "High-tech manufacturing value added growth"], mixed.Chart.Facts.Select(f => f.Indicator).Distinct());
        Assert.Contains(mixed.Items, i => i.Figure!.IndicatorId == "solar-capacity");
        Assert.Contains(mixed.Items, i => i.Figure!.IndicatorId == "hitech-growth");
    }

    private async Task LoadAsync() => Assert.Empty((await _ws.LoadAsync()).Errors);

    private async Task<ToolEvidence> InvokeAsync(string function, params (string Name, string Value)[] arguments)
    {
        var args = new KernelArguments();
        foreach (var (name, value) in arguments)
        {
            args[name] = value;
        }

        var result = await _kernel.InvokeAsync(IndicatorsPlugin.PluginName, function, args);
        return result.GetValue<ToolEvidence>()!;
    }
}
