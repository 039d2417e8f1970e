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
public sealed partial class OfflinePlanner
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

        var calls = new List<FunctionCallContent>();
        if (conversation.Calls.Count == 0)
        {
            Add(calls, kernel, KnowledgeBasePlugin.PluginName, KnowledgeBasePlugin.SearchArticles, new KernelArguments { ["query"] = question.SearchText, ["top"] = 6 });
            Add(calls, kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.FindIndicators, new KernelArguments { ["query"] = question.SearchText, ["limit"] = 5 });
            Add(calls, kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.FindFigures, new KernelArguments { ["query"] = question.SearchText });
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

        var latest = MatchedSeries(conversation).Take(SeriesPerPeriodLookup).ToList();
        foreach (var asked in question.Periods.DefaultIfEmpty(period).Take(2).Select(p => p.ToString()))
        {
            foreach (var id in latest.Where(f => f.Period != asked).Select(f => f.IndicatorId).Distinct())
            {
                Add(calls, kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.GetIndicator, new KernelArguments { ["id"] = id, ["period"] = asked });
            }
        }

        return calls;
    }

    /// <summary>Charts the best-matching series, with the next matches that share its unit (so they fit one axis).</summary>
    private static List<FunctionCallContent> ChartCalls(OfflineConversation conversation, Kernel kernel)
    {
        var figures = MatchedSeries(conversation).ToList();
        var calls = new List<FunctionCallContent>();
        if (figures.Count > 0)
        {
            var wantsSeveral = Several().IsMatch(conversation.Question);
            var ids = figures.Take(wantsSeveral ? 3 : 1).Where(f => f.Unit == figures[0].Unit).Select(f => f.IndicatorId).Distinct();
            Add(calls, kernel, IndicatorsPlugin.PluginName, IndicatorsPlugin.ChartIndicators, new KernelArguments { ["ids"] = string.Join(',', ids) });
        }

        return calls;
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

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(and|vs\.?|versus|with|against)\b|,|和|与|对比")]
    private static partial System.Text.RegularExpressions.Regex Several();
}
