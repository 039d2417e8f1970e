using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Plugins;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Orchestration.Offline;

/// <summary>
/// The offline model's planning step: which tools to call. Round one searches the articles and the indicator
/// catalogue; round two, when the question names a period the catalogue's latest figures do not cover, reads the
/// matching series for that period. It only plans calls to functions the kernel actually has.
/// </summary>
public sealed class OfflinePlanner
{
    /// <summary>How many matched series are re-read for the asked period.</summary>
    private const int SeriesPerPeriodLookup = 4;

    /// <summary>The tool calls for the conversation's current state; empty when it is time to answer.</summary>
    public IReadOnlyList<FunctionCallContent> Plan(OfflineConversation conversation, Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(kernel);
        if (string.IsNullOrWhiteSpace(conversation.Question))
        {
            return [];
        }

        var question = conversation.Analysis;
        if (question.IsRefusal)
        {
            return [];
        }

        if (conversation.Calls.Count == 0)
        {
            var calls = FirstSearches(question, kernel).ToList();
            if (question.Intent == QuestionIntent.Chart)
            {
                // A chart of several named indicators looks each one up on its own (see NamedSeries).
                foreach (var subject in ChartSubjects.Of(conversation.Question))
                {
                    Add(calls, kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.FindIndicators, new KernelArguments { ["query"] = subject, ["limit"] = 3 });
                }
            }

            return calls;
        }

        if (question.Intent == QuestionIntent.Chart)
        {
            return conversation.Calls.Any(c => c.FunctionName == IndicatorsPlugin.ChartIndicators) ? [] : ChartCalls(conversation, kernel);
        }

        if (question.Period is not { } period || conversation.Calls.Any(c => c.FunctionName == IndicatorsPlugin.GetIndicator))
        {
            return [];
        }

        var lookups = new List<FunctionCallContent>();
        var latest = MatchedSeries(conversation).Take(SeriesPerPeriodLookup).ToList();
        foreach (var asked in question.Periods.DefaultIfEmpty(period).Take(2).Select(p => p.ToString()))
        {
            foreach (var id in latest.Where(f => f.Period != asked).Select(f => f.IndicatorId).Distinct())
            {
                Add(lookups, kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.GetIndicator, new KernelArguments { ["id"] = id, ["period"] = asked });
            }
        }

        return lookups;
    }

    /// <summary>
    /// The first searches a question calls for, read from its analysis: the articles, the curated indicators and the
    /// figures extracted from articles, each with the analysed search text (a follow-up's carries what it inherits).
    /// The offline model starts with them, and the hosted path runs them before its model's first round.
    /// </summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="kernel">The kernel whose functions are called.</param>
    /// <param name="passages">Article passages to ask for; the offline reader picks from more than a model needs to read.</param>
    /// <param name="series">Indicator series to ask for.</param>
    public static IReadOnlyList<FunctionCallContent> FirstSearches(QuestionAnalysis question, Kernel kernel, int passages = 6, int series = 5)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(kernel);
        var calls = new List<FunctionCallContent>();
        if (question.IsRefusal || string.IsNullOrWhiteSpace(question.SearchText))
        {
            return calls;
        }

        Add(calls, kernel, KnowledgeBasePlugin.PluginName, KnowledgeBasePlugin.SearchArticles, new KernelArguments { ["query"] = question.SearchText, ["top"] = passages });
        Add(calls, kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.FindIndicators, new KernelArguments { ["query"] = question.SearchText, ["limit"] = series });
        Add(calls, kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.FindFigures, new KernelArguments { ["query"] = question.SearchText });
        return calls;
    }

    /// <summary>
    /// Charts every indicator the request names (each subject's best match), or, when it names one, the best match for
    /// the whole question. The chart function puts series of different units or measures in panels of their own.
    /// </summary>
    private static List<FunctionCallContent> ChartCalls(OfflineConversation conversation, Kernel kernel)
    {
        var named = NamedSeries(conversation);
        var ids = named.Count > 0
            ? named.Where(n => n.Best is not null).Select(n => n.Best!.IndicatorId).ToList()
            : MatchedSeries(conversation).Take(1).Select(f => f.IndicatorId).ToList();
        var calls = new List<FunctionCallContent>();
        if (ids.Count > 0)
        {
            Add(calls, kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.ChartIndicators, new KernelArguments { ["ids"] = string.Join(',', ids) });
        }

        return calls;
    }

    /// <summary>
    /// For a chart request naming several indicators: each subject (<see cref="ChartSubjects"/>) with the best series
    /// its own lookup found that no earlier subject took, or null when nothing matched it. Empty for other requests.
    /// </summary>
    public static IReadOnlyList<(string Subject, FigureFact? Best)> NamedSeries(OfflineConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var named = new List<(string, FigureFact?)>();
        foreach (var subject in ChartSubjects.Of(conversation.Question))
        {
            var best = conversation.Calls
                .Where(c => c.FunctionName == IndicatorsPlugin.FindIndicators && c.Arguments is { } a && a.TryGetValue("query", out var q) && q as string == subject)
                .Select(conversation.ResultOf)
                .OfType<ToolEvidence>()
                .SelectMany(r => r.Items)
                .Select(i => i.Figure)
                .OfType<FigureFact>()
                .FirstOrDefault(f => f.IndicatorId.Length > 0 && !taken.Contains(f.IndicatorId));
            if (best is not null)
            {
                taken.Add(best.IndicatorId);
            }

            named.Add((subject, best));
        }

        return named;
    }

    /// <summary>The latest figure of each series <c>find_indicators</c> matched, best match first.</summary>
    private static IEnumerable<FigureFact> MatchedSeries(OfflineConversation conversation) =>
        conversation.Results
            .Where(r => r.Function == IndicatorsPlugin.FindIndicators)
            .SelectMany(r => r.Items)
            .Select(i => i.Figure)
            .OfType<FigureFact>()
            .Where(f => f.IndicatorId.Length > 0);

    private static void Add(List<FunctionCallContent> calls, Kernel kernel, string plugin, string function, KernelArguments arguments)
    {
        if (kernel.Plugins.TryGetFunction(plugin, function, out _))
        {
            calls.Add(new FunctionCallContent(function, plugin, $"call_{function}_{calls.Count + 1}", arguments));
        }
    }
}
