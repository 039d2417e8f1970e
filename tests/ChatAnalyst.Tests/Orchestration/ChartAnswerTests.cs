using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Tests.Knowledge;

namespace ChatAnalyst.Tests.Orchestration;

/// <summary>Chart requests answered end to end by the offline model over the sample knowledge base.</summary>
public sealed class ChartAnswerTests : IClassFixture<KnowledgeDatabaseFixture>
{
    private readonly KnowledgeDatabaseFixture _database;

    public ChartAnswerTests(KnowledgeDatabaseFixture database) => _database = database;

    [Fact]
    public async Task A_chart_of_two_named_indicators_charts_both_and_nothing_else()
    {
        await using var host = await StartAsync();

        var answer = await host.Orchestrator.AnswerAsync([], "Chart high-tech manufacturing and equipment manufacturing growth");

        var chart = Assert.Single(answer.Charts);
        Assert.Equal(
            ["High-tech manufacturing value added growth", "Equipment manufacturing value added growth"],
            chart.Facts.Select(f => f.Indicator).Distinct());
        Assert.All(chart.Facts, f => Assert.Equal("%", f.Unit));
        Assert.Contains(chart.Facts, f => f.Period == "January–November 2025");
        Assert.Contains(chart.Facts, f => f.Period == "2024");
        Assert.Contains("[1]", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_indicator_the_knowledge_base_lacks_is_named_in_the_answer()
    {
        await using var host = await StartAsync();

        var answer = await host.Orchestrator.AnswerAsync([], "Chart high-tech manufacturing growth and unicorn zoo attendance");

        Assert.Single(answer.Charts);
        Assert.Contains("no curated indicator for \"unicorn zoo attendance\"", answer.Text, StringComparison.Ordinal);
    }

    private Task<AnalystTestHost> StartAsync() => AnalystTestHost.StartAsync(new FakeEmbeddingGenerator(), new Dictionary<string, string?>
    {
        ["ChatAnalyst:Knowledge:Database"] = _database.Database,
    });
}
