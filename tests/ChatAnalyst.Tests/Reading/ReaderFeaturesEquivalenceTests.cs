using System.Text.Json;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Plugins;
using ChatAnalyst.Orchestration.Reading;
using ChatAnalyst.Tests.Knowledge;
using ChatAnalyst.Tests.Orchestration;
using ChatAnalyst.Tests.Reading.Reference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Tests.Reading;

/// <summary>
/// The reader's features are cached and worked out lazily; they must stay the very numbers the straightforward code
/// computes (the fitted model's weights were fitted on those), bit for bit, with the caches empty and full, over the
/// real evidence the offline planner's round-one tools return for the answers evaluation questions.
/// </summary>
[Collection(MiniLmCollectionDefinition.Name)]
public sealed class ReaderFeaturesEquivalenceTests(MiniLmFixture miniLm, KnowledgeDatabaseFixture database) : IClassFixture<KnowledgeDatabaseFixture>
{
    [Fact]
    public async Task Features_equal_the_straightforward_ones_bit_for_bit_with_cold_and_warm_caches()
    {
        await using var host = await AnalystTestHost.StartAsync(miniLm.Generator, new Dictionary<string, string?>
        {
            ["ChatAnalyst:Knowledge:Database"] = database.Database,
        });
        var kernel = host.Services.GetRequiredService<Kernel>();
        var glossary = host.Services.GetRequiredService<BilingualGlossary>();
        var units = host.Services.GetRequiredService<UnitNames>();
        var compared = 0;
        foreach (var text in Questions())
        {
            var question = QuestionAnalysis.Analyze(text, [], glossary, units);
            var results = await ToolResultsAsync(kernel, question.SearchText);

            ReaderCache.Clear();
            var cold = CandidateBuilder.Build(results);
            var warm = CandidateBuilder.Build(results);
            Assert.Equal(cold.Select(Describe), warm.Select(Describe));

            var reference = new ReferenceReaderFeatures(question, cold);
            ReaderCache.Clear();
            var fresh = new ReaderFeatures(question, cold);
            var cached = new ReaderFeatures(question, cold);
            Assert.Equal(reference.IsAboutSomethingElse, fresh.IsAboutSomethingElse);
            Assert.Equal(reference.IsAboutSomethingElse, cached.IsAboutSomethingElse);
            Assert.Equal(reference.QuotesEvidence, fresh.QuotesEvidence);
            foreach (var candidate in cold)
            {
                var expected = Bits(reference.Compute(candidate));
                Assert.Equal(expected, Bits(fresh.Compute(candidate)));
                Assert.Equal(expected, Bits(cached.Compute(candidate)));
                // A copy of a candidate of the pool is the same candidate.
                Assert.Equal(expected, Bits(cached.Compute(candidate with { })));
                compared++;
            }
        }

        Assert.True(compared > 500, $"{compared} candidates compared");
    }

    private static string Describe(ReaderCandidate c) =>
        $"{c.DocumentId}|{c.Position}|{c.PassageRank}|{c.Similarity:R}|{c.FromFigureIndex}|{c.Text}|{c.Previous}|{string.Join(',', c.Periods)}";

    private static long[] Bits(double[] vector) => vector.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static IEnumerable<string> Questions() =>
        File.ReadLines(Path.Combine(TestPaths.RepoRoot, "tests", "eval", "answers.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => !e.TryGetProperty("history", out var history) || history.GetArrayLength() == 0)
            .Select(e => e.GetProperty("question").GetString()!);

    private static async Task<IReadOnlyList<ToolEvidence>> ToolResultsAsync(Kernel kernel, string query)
    {
        var ledger = new CitationLedger();
        return
        [
            ledger.Register(await ToolAsync(kernel, KnowledgeBasePlugin.PluginName, KnowledgeBasePlugin.SearchArticles, new() { ["query"] = query, ["top"] = 6 })),
            ledger.Register(await ToolAsync(kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.FindIndicators, new() { ["query"] = query, ["limit"] = 5 })),
            ledger.Register(await ToolAsync(kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.FindFigures, new() { ["query"] = query })),
        ];
    }

    private static async Task<ToolEvidence> ToolAsync(Kernel kernel, string plugin, string function, KernelArguments arguments)
    {
        var result = await kernel.InvokeAsync(plugin, function, arguments);
        return result.GetValue<ToolEvidence>() ?? ToolEvidence.Empty(function, "no result");
    }
}
