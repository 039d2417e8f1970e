using ChatAnalyst.Bot;
using ChatAnalyst.Bot.Rendering;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;
using ChatAnalyst.Orchestration.Plugins;
using ChatAnalyst.Orchestration.Reading;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Cli.Bench.Sections;

/// <summary>
/// In process, on the sample knowledge base: the floor (one bare MiniLM query embedding), the whole offline turn, and
/// the turn taken apart by calling its real components in the order the offline model does (analysis, the three
/// round-one tools, the reader's parts, the guard, rendering). A stage that is not callable on its own (fusion lives
/// inside the hybrid search) is worked out by difference and says so.
/// </summary>
internal sealed class OfflineTurnSection(BenchHost host, IReadOnlyList<string> questions, BenchOptions options)
{
    private const string Section = "offline turn";
    private const int Top = 6;

    private readonly Kernel _kernel = host.Get<Kernel>();
    private readonly BilingualGlossary _glossary = host.Get<BilingualGlossary>();
    private readonly IKnowledgeSearch _search = host.Get<IKnowledgeSearch>();
    private readonly UnitNames _units = host.Get<UnitNames>();
    private readonly OfflineReader _reader = new(host.Get<ReaderModel>(), host.Get<UnitNames>());
    private readonly ReaderModel _model = host.Get<ReaderModel>();
    private readonly GroundingGuard _guard = host.Get<GroundingGuard>();
    private readonly AnswerRenderer _renderer = new(Options.Create(new BotOptions()));

    /// <summary>The floor's p50 and p95 (ms), for the ratios of the HTTP section.</summary>
    public Latencies Floor { get; } = new();

    public async Task RunAsync(BenchTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var embeddings = host.Get<IEmbeddingGenerator<string, Embedding<float>>>();
        var orchestrator = host.Get<AnswerOrchestrator>();
        var turns = new Latencies();
        var stages = new StageTimes();
        var embeddingCalls = 0;
        for (var i = -options.Warmup; i < options.Samples; i++)
        {
            var question = questions[(i + options.Warmup) % questions.Count];

            // The stages first: they empty the reader's caches to time its first sight of the sentences, then read the
            // question again, so the turn below finds its sentences read before, as a running bot does (timed after
            // the stages, each turn met a reader whose caches held the previous question's sentences only).
            stages.Recording = i >= 0;
            await StagesAsync(question, stages, cancellationToken);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await embeddings.GenerateAsync([question], cancellationToken: cancellationToken);
            var floor = Latencies.Since(started);
            host.Clock.Reset();
            started = System.Diagnostics.Stopwatch.GetTimestamp();
            var answer = await orchestrator.AnswerAsync([], question, cancellationToken);
            var turn = Latencies.Since(started);
            embeddingCalls = Math.Max(embeddingCalls, host.Clock.EmbeddingCalls);
            stages.Time("rendering (Teams reply: text, citations entity, actions)", () => _renderer.Render(answer, new ReplyChannel(IsTeams: true, IsPersonal: true)));
            if (i >= 0)
            {
                Floor.Add(floor);
                turns.Add(turn);
            }
        }

        table.Add("floor", "bare MiniLM query embedding (the question)", Floor.Summary(), "p50 / p95, in process");
        table.Add(Section, "whole offline turn, in process (orchestrator)", turns.Summary(), "p50 / p95");
        table.Add(Section, "  embedding model calls per turn, max", embeddingCalls.ToString(System.Globalization.CultureInfo.InvariantCulture), "one query embedding per turn, whatever needs it");
        foreach (var (stage, times) in stages.Stages)
        {
            table.Add(Section, "  " + stage, times.Summary());
        }

        var attributed = stages.Stages.Where(s => !s.Stage.StartsWith("of which", StringComparison.Ordinal)).Sum(s => s.Times.P50);
        table.Add(Section, "  orchestration: kernel, prompt, tool dispatch, renumbering", BenchTable.Format(Math.Max(0, turns.P50 - attributed)) + " ms", "p50 by difference: whole turn − the stages above");
    }

    private async Task StagesAsync(string question, StageTimes stages, CancellationToken cancellationToken)
    {
        var analysis = stages.Time("analysis (question, once per turn)", () => QuestionAnalysis.Analyze(question, [], _glossary, _units));
        var ledger = new CitationLedger();

        host.Clock.Reset();
        var searched = System.Diagnostics.Stopwatch.GetTimestamp();
        var articles = ledger.Register(await ToolAsync(KnowledgeBasePlugin.PluginName, KnowledgeBasePlugin.SearchArticles, new() { ["query"] = analysis.SearchText, ["top"] = Top }, cancellationToken));
        var search = Latencies.Since(searched);
        var embedding = host.Clock.Embedding.TotalMilliseconds;
        var keyword = host.Clock.Keyword.TotalMilliseconds;
        stages.Add("query embedding (MiniLM, in search_articles)", embedding);
        stages.Add("keyword search (FTS5 query at the index)", keyword);
        stages.Add("dense search + fusion + passages (search_articles − embedding − keyword)", search - embedding - keyword);

        host.Clock.Reset();
        searched = System.Diagnostics.Stopwatch.GetTimestamp();
        await _search.SearchAsync(new SearchRequest(analysis.SearchText, Top) { Mode = SearchMode.Dense }, cancellationToken);
        var dense = Latencies.Since(searched) - host.Clock.Embedding.TotalMilliseconds;
        stages.Add("of which dense alone (cosine scan + passages; dense-only search − embedding)", dense);
        stages.Add("of which fusion + diversify (by difference with dense alone)", Math.Max(0, search - embedding - keyword - dense));

        var indicators = await stages.TimeAsync("indicator lookups (find_indicators + find_figures)", async () => new[]
        {
            ledger.Register(await ToolAsync(IndicatorsPlugin.PluginName, IndicatorsPlugin.FindIndicators, new() { ["query"] = analysis.SearchText, ["limit"] = 5 }, cancellationToken)),
            ledger.Register(await ToolAsync(IndicatorsPlugin.PluginName, IndicatorsPlugin.FindFigures, new() { ["query"] = analysis.SearchText }, cancellationToken)),
        });
        IReadOnlyList<ToolEvidence> results = [articles, .. indicators];

        // The reader keeps what it works out from a sentence alone (terms, periods) across turns, and the bench repeats
        // its questions: the rows below are of sentences seen before. This one is of their first sight.
        OfflineReader.ClearCaches();
        var firstSight = System.Diagnostics.Stopwatch.GetTimestamp();
        var unseen = CandidateBuilder.Build(results);
        var unseenFeatures = new ReaderFeatures(analysis, unseen);
        _ = unseen.Select(unseenFeatures.Compute).ToList();
        var firstSightTime = Latencies.Since(firstSight);

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var text = stages.Time("reader (candidates → features → scoring → selection → writing), sentences seen before", () => _reader.Read(analysis, results));
        var reader = Latencies.Since(started);
        started = System.Diagnostics.Stopwatch.GetTimestamp();
        var features = stages.Time("of which candidates + features", () =>
        {
            var candidates = CandidateBuilder.Build(results);
            var computed = new ReaderFeatures(analysis, candidates);
            return candidates.Select(computed.Compute).ToList();
        });
        stages.Add("of which candidates + features at the first sight of the sentences (reader caches emptied)", firstSightTime);
        stages.Time("of which scoring (fitted ranker)", () => features.Sum(_model.Score));
        stages.Add("of which selection + writing (reader − candidates + features − scoring)", Math.Max(0, reader - Latencies.Since(started)));
        stages.Time("grounding guard", () => _guard.Check(text, ledger));
    }

    private async Task<ToolEvidence> ToolAsync(string plugin, string function, KernelArguments arguments, CancellationToken cancellationToken)
    {
        var result = await _kernel.InvokeAsync(plugin, function, arguments, cancellationToken);
        return result.GetValue<ToolEvidence>() ?? ToolEvidence.Empty(function, "no result");
    }
}
