using System.ComponentModel;
using System.Globalization;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Orchestration.Evidence;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Orchestration.Plugins;

/// <summary>
/// Article search for the model: hybrid (keyword + semantic) retrieval over the ingested articles, in English or
/// Chinese, optionally limited to a publication date range. Returns passages with their source for citation;
/// a bad date or an empty result is a sentence for the model, never an exception.
/// </summary>
public sealed class KnowledgeBasePlugin
{
    public const string PluginName = "KnowledgeBase";

    /// <summary>The function's name, as the model and the offline planner call it.</summary>
    public const string SearchArticles = "search_articles";

    private const string Function = SearchArticles;
    private const int MaxTop = 10;

    private readonly IKnowledgeSearch _search;
    private readonly ArticleTexts? _articles;

    /// <param name="search">The hybrid article search.</param>
    /// <param name="articles">The cited articles' whole text, for the offline reader's checks; none when absent.</param>
    public KnowledgeBasePlugin(IKnowledgeSearch search, ArticleTexts? articles = null)
    {
        _search = search;
        _articles = articles;
    }

    [KernelFunction(Function)]
    [Description("Searches the articles on China's AI and industrial economy (English or Chinese); returns passages, each with a Ref to cite.")]
    public async Task<ToolEvidence> SearchArticlesAsync(
        [Description("A short search phrase, e.g. \"software revenue 2024\".")] string query,
        [Description("Passages to return, 1-10.")] int top = 3,
        [Description("Published on or after (yyyy-MM-dd); only if the user limits dates.")] string? from = null,
        [Description("Published on or before (yyyy-MM-dd); only if the user limits dates.")] string? to = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return ToolEvidence.Empty(Function, "The search query was empty. Pass the user's question or a short search phrase as \"query\".");
        }

        if (!TryParseDate(from, start: true, out var fromDate))
        {
            return ToolEvidence.Empty(Function, $"\"{from}\" is not a date. Give \"from\" as yyyy-MM-dd (for example 2024-01-01), or omit it.");
        }

        if (!TryParseDate(to, start: false, out var toDate))
        {
            return ToolEvidence.Empty(Function, $"\"{to}\" is not a date. Give \"to\" as yyyy-MM-dd (for example 2024-12-31), or omit it.");
        }

        if (fromDate > toDate)
        {
            return ToolEvidence.Empty(Function, $"The date range is empty: \"from\" ({from}) is after \"to\" ({to}).");
        }

        var request = new SearchRequest(query, Math.Clamp(top, 1, MaxTop), fromDate, toDate);
        var passages = await _search.SearchAsync(request, cancellationToken);
        if (passages.Count == 0)
        {
            var range = fromDate is null && toDate is null
                ? string.Empty
                : $" published {(fromDate is null ? string.Empty : $"from {fromDate:yyyy-MM-dd} ")}{(toDate is null ? string.Empty : $"until {toDate:yyyy-MM-dd}")}".TrimEnd();
            return ToolEvidence.Empty(Function, $"No article passages{range} match \"{query}\". Try other words, or drop the date range.");
        }

        var articles = _articles is null
            ? new Dictionary<string, string>()
            : await _articles.GetAsync(passages.Select(p => p.DocumentId), cancellationToken);
        // Neighbouring chunks share a sentence; the model reads every character, so it is sent once.
        var items = PassageOverlap.WithoutRepeatedSentences(passages)
            .Select(p => new EvidenceItem(
                EvidenceKind.Passage,
                new SourceInfo(p.DocumentId, p.Title, p.Url, p.Publisher, p.Published),
                p.Text)
            {
                Sentences = p.Sentences,
                Position = ChunkOrdinal(p.ChunkId),
                ArticleText = articles.GetValueOrDefault(p.DocumentId, string.Empty),
            })
            .ToList();
        return new ToolEvidence(Function, items);
    }

    /// <summary>The ordinal at the end of a chunk id (<c>document#3</c>), or 0.</summary>
    private static int ChunkOrdinal(string chunkId) =>
        int.TryParse(chunkId.AsSpan(chunkId.LastIndexOf('#') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) ? ordinal : 0;

    /// <summary>Parses yyyy-MM-dd, or a bare year or month taken as its first (<paramref name="start"/>) or last day.</summary>
    private static bool TryParseDate(string? text, bool start, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var value = text.Trim();
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            date = day;
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            date = start ? month : month.AddMonths(1).AddDays(-1);
            return true;
        }

        if (value.Length == 4 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2100)
        {
            date = start ? new DateOnly(year, 1, 1) : new DateOnly(year, 12, 31);
            return true;
        }

        return false;
    }
}
