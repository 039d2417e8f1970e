using System.Diagnostics;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Plugins;
using ChatAnalyst.Orchestration.Reading;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Cli.Bench.Scale;

/// <summary>
/// Retrieval and reading at one corpus size, in process: the <c>search_articles</c> tool as the offline model calls it
/// (hybrid search with its query embedding), then the reader on what it found, for questions the generated articles answer.
/// </summary>
internal static class RetrievalProbe
{
    public static async Task<RetrievalTimes> RunAsync(BenchHost host, IReadOnlyList<string> questions, BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(options);
        var kernel = host.Get<Kernel>();
        var glossary = host.Get<BilingualGlossary>();
        var search = host.Get<HybridKnowledgeSearch>();
        var reader = new OfflineReader(host.Get<ReaderModel>(), host.Get<UnitNames>());
        var retrieval = new Latencies();
        var reading = new Latencies();
        var both = new Latencies();
        var embedding = new Latencies();
        var keyword = new Latencies();
        for (var i = -options.Warmup; i < options.Samples; i++)
        {
            var question = questions[(i + options.Warmup) % questions.Count];
            var analysis = QuestionAnalysis.Analyze(question, [], glossary, host.Get<UnitNames>());
            // At scale most passages a search returns were not returned lately: their sentence vectors are read from the index.
            search.ClearSentenceVectorCache();
            host.Clock.Reset();
            var started = Stopwatch.GetTimestamp();
            var result = await kernel.InvokeAsync(KnowledgeBasePlugin.PluginName, KnowledgeBasePlugin.SearchArticles, new() { ["query"] = analysis.SearchText, ["top"] = 6 }, cancellationToken);
            var searched = Latencies.Since(started);
            var evidence = new CitationLedger().Register(result.GetValue<ToolEvidence>() ?? ToolEvidence.Empty(KnowledgeBasePlugin.SearchArticles, "no result"));
            // At scale most sentences a search returns are new to the reader: its caches are emptied, untimed, each turn.
            OfflineReader.ClearCaches();
            started = Stopwatch.GetTimestamp();
            reader.Read(analysis, [evidence]);
            var read = Latencies.Since(started);
            if (i >= 0)
            {
                retrieval.Add(searched);
                reading.Add(read);
                both.Add(searched + read);
                embedding.Add(host.Clock.Embedding);
                keyword.Add(host.Clock.Keyword);
            }
        }

        return new RetrievalTimes(retrieval, reading, both, embedding, keyword);
    }
}

/// <summary>Latencies of retrieval at one corpus size: the search, its query embedding and keyword query, the reader, search + reader.</summary>
internal sealed record RetrievalTimes(Latencies Retrieval, Latencies Reader, Latencies Both, Latencies Embedding, Latencies Keyword);
