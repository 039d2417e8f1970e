using System.Text.Json;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Plugins;
using ChatAnalyst.Orchestration.Reading;
using ChatAnalyst.Tests.Knowledge;
using ChatAnalyst.Tests.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Tests.Reading;

/// <summary>
/// The reader's candidates and features are cached across turns and worked out lazily; they must be the very same
/// numbers, bit for bit, with the caches empty and full, over the real evidence the offline planner's round-one tools
/// return for the answers evaluation questions. (When the caches came in, the vectors were also checked against a copy
/// of the uncached code: byte-identical dumps for 1,539 candidates.)
/// </summary>
[Collection(MiniLmCollectionDefinition.Name)]
public sealed class ReaderFeaturesEquivalenceTests(MiniLmFixture miniLm, KnowledgeDatabaseFixture database) : IClassFixture<KnowledgeDatabaseFixture>
{
    [Fact]
    public async Task Features_are_the_same_bit_for_bit_with_cold_and_warm_caches()
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

            // Warm: the caches hold what every earlier question left in them.
            var warm = CandidateBuilder.Build(results);
            var cached = new ReaderFeatures(question, warm);
            var warmVectors = warm.Select(c => Bits(cached.Compute(c))).ToList();

            ReaderCache.Clear();
            var cold = CandidateBuilder.Build(results);
            Assert.Equal(cold.Select(Describe), warm.Select(Describe));
            var fresh = new ReaderFeatures(question, cold);
            Assert.Equal(fresh.IsAboutSomethingElse, cached.IsAboutSomethingElse);
            Assert.Equal(fresh.QuotesEvidence, cached.QuotesEvidence);
            for (var i = 0; i < cold.Count; i++)
            {
                var expected = Bits(fresh.Compute(cold[i]));
                Assert.Equal(expected, warmVectors[i]);
                // A copy of a candidate of the pool is the same candidate.
                Assert.Equal(expected, Bits(fresh.Compute(cold[i] with { })));
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
