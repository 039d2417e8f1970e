using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ChatAnalyst.Knowledge.Search;

/// <summary>
/// Measures retrieval on a JSONL file of <c>{"id","query","relevant":[document ids],"style"}</c> lines: recall@1,
/// recall@5 and MRR for keyword-only, dense-only and hybrid search (each fusion method), at document level.
/// </summary>
public sealed class RetrievalEvaluator
{
    private const int Depth = 10;

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private readonly IKnowledgeSearch _search;
    private readonly FusionMethod _defaultFusion;

    public RetrievalEvaluator(IKnowledgeSearch search, IOptions<KnowledgeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _search = search;
        _defaultFusion = options.Value.Fusion;
    }

    /// <summary>Runs every query of the file in every mode. Blank lines are skipped; a malformed line throws with its number.</summary>
    public async Task<RetrievalReport> EvaluateAsync(string jsonlPath, CancellationToken cancellationToken)
    {
        var queries = await ReadQueriesAsync(jsonlPath, cancellationToken);
        var modes = new (string Name, SearchMode Mode, FusionMethod? Fusion)[]
        {
            ("keyword", SearchMode.Keyword, null),
            ("dense", SearchMode.Dense, null),
            ("hybrid-rrf", SearchMode.Hybrid, FusionMethod.Rrf),
            ("hybrid-weighted", SearchMode.Hybrid, FusionMethod.Weighted),
        };
        var defaultMode = _defaultFusion == FusionMethod.Weighted ? "hybrid-weighted" : "hybrid-rrf";

        var rows = new List<RetrievalModeScore>();
        var misses = new List<RetrievalMiss>();
        foreach (var (name, mode, fusion) in modes)
        {
            var results = new List<(EvalQuery Query, int Rank)>();
            var elapsed = TimeSpan.Zero;
            foreach (var query in queries)
            {
                var stopwatch = Stopwatch.StartNew();
                var passages = await _search.SearchAsync(new SearchRequest(query.Query, Depth) { Mode = mode, Fusion = fusion }, cancellationToken);
                elapsed += stopwatch.Elapsed;

                var relevant = new HashSet<string>(query.Relevant, StringComparer.OrdinalIgnoreCase);
                var rank = passages.Select((p, i) => (p, i)).FirstOrDefault(x => relevant.Contains(x.p.DocumentId), (null!, -1)).Item2 + 1;
                results.Add((query, rank));
                if (name == defaultMode && (rank == 0 || rank > 5))
                {
                    misses.Add(new RetrievalMiss(query.Id ?? string.Empty, query.Query, query.Relevant, passages.Take(5).Select(p => p.DocumentId).ToList()));
                }
            }

            var byStyle = results
                .GroupBy(r => r.Query.Style ?? "unspecified", StringComparer.OrdinalIgnoreCase)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new RetrievalStyleScore(g.Key, g.Count(), RecallAt(g, 1), RecallAt(g, 5), Mrr(g)))
                .ToList();
            rows.Add(new RetrievalModeScore(
                name,
                RecallAt(results, 1),
                RecallAt(results, 5),
                Mrr(results),
                queries.Count == 0 ? TimeSpan.Zero : elapsed / queries.Count,
                byStyle));
        }

        return new RetrievalReport(queries.Count, rows, defaultMode, misses);
    }

    private static double RecallAt(IEnumerable<(EvalQuery Query, int Rank)> results, int k)
    {
        var list = results.ToList();
        return list.Count == 0 ? 0 : list.Count(r => r.Rank is > 0 && r.Rank <= k) / (double)list.Count;
    }

    private static double Mrr(IEnumerable<(EvalQuery Query, int Rank)> results)
    {
        var list = results.ToList();
        return list.Count == 0 ? 0 : list.Sum(r => r.Rank > 0 ? 1.0 / r.Rank : 0) / list.Count;
    }

    private static async Task<List<EvalQuery>> ReadQueriesAsync(string path, CancellationToken cancellationToken)
    {
        var queries = new List<EvalQuery>();
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            EvalQuery? query;
            try
            {
                query = JsonSerializer.Deserialize<EvalQuery>(line, Json);
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{path}:{lineNumber}: not a JSON object ({ex.Message})", ex);
            }

            if (query is null || string.IsNullOrWhiteSpace(query.Query) || query.Relevant is not { Count: > 0 })
            {
                throw new FormatException($"{path}:{lineNumber}: needs a \"query\" and a non-empty \"relevant\" list");
            }

            queries.Add(query with { Id = query.Id ?? $"line {lineNumber}" });
        }

        return queries;
    }

    private sealed record EvalQuery(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("query")] string Query,
        [property: JsonPropertyName("relevant")] IReadOnlyList<string> Relevant,
        [property: JsonPropertyName("style")] string? Style);
}
