using ChatAnalyst.Knowledge.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAnalyst.Tests.Knowledge;

[Collection(MiniLmCollectionDefinition.Name)]
public sealed class RetrievalEvaluationTests(MiniLmFixture fixture) : IDisposable
{
    private readonly KnowledgeWorkspace _kb = new(
        fixture.Generator,
        new BilingualGlossary(BilingualGlossary.Load(Path.Combine(TestPaths.Knowledge, "glossary.csv"), NullLogger.Instance)));

    public void Dispose() => _kb.Dispose();

    [Fact]
    public async Task Hybrid_search_meets_recall_and_mrr_targets_on_the_sample_knowledge_base()
    {
        var summary = await _kb.Ingestion().IngestAsync([Path.Combine(TestPaths.Knowledge, "articles")]);
        Assert.Empty(summary.Warnings);

        var report = await new RetrievalEvaluator(_kb.Search, _kb.Options).EvaluateAsync(TestPaths.Eval("retrieval.jsonl"), default);

        var hybrid = report.Default;
        Assert.True(report.Queries >= 40, $"only {report.Queries} evaluation queries");
        Assert.True(
            hybrid.RecallAt5 >= 0.95,
            $"hybrid recall@5 {hybrid.RecallAt5:F3}; misses: {string.Join("; ", report.Misses.Select(m => $"{m.Id} '{m.Query}' → {string.Join(",", m.Retrieved)}"))}");
        Assert.True(hybrid.Mrr >= 0.85, $"hybrid MRR {hybrid.Mrr:F3}");
        Assert.Equal(["keyword", "dense", "hybrid-rrf", "hybrid-weighted"], report.Modes.Select(m => m.Mode));
    }

    [Fact]
    public async Task Chinese_question_finds_the_english_article_in_dense_and_hybrid_search()
    {
        _kb.Write("robots.md", KnowledgeWorkspace.Markdown(
            "Industrial robot density in manufacturing",
            "Robot density reached 470 industrial robots per 10,000 manufacturing employees, ranking third worldwide."));
        _kb.Write("solar.md", KnowledgeWorkspace.Markdown("Solar power capacity", "Solar photovoltaic capacity additions hit a record."));
        _kb.Write("chips.md", KnowledgeWorkspace.Markdown("Chip fund", "A new semiconductor investment fund was registered."));
        await _kb.IngestAsync();

        foreach (var mode in new[] { SearchMode.Dense, SearchMode.Hybrid })
        {
            var passages = await _kb.Search.SearchAsync(new SearchRequest("工业机器人密度全球排名", Top: 3) { Mode = mode });

            Assert.Equal("robots.md", passages[0].DocumentId);
        }
    }
}
