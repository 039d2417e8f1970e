using Microsoft.SemanticKernel;

namespace ChatAnalyst.Orchestration.Offline;

/// <summary>
/// The offline model's planning step: which tools to call for a question. It only plans calls to functions the
/// kernel actually has, and plans once per turn (after the results are in, the composer takes over).
/// </summary>
public sealed class OfflinePlanner
{
    public const string KnowledgePlugin = "KnowledgeBase";
    public const string IndicatorsPlugin = "Indicators";

    /// <summary>The tool calls for the conversation's current state; empty when it is time to answer.</summary>
    public IReadOnlyList<FunctionCallContent> Plan(OfflineConversation conversation, Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(kernel);
        if (conversation.Calls.Count > 0 || string.IsNullOrWhiteSpace(conversation.Question))
        {
            return [];
        }

        var question = OfflineQuestion.Analyze(conversation.Question, conversation.EarlierQuestions);
        if (question.IsRefusal)
        {
            return [];
        }

        var calls = new List<FunctionCallContent>();
        Add(calls, kernel, KnowledgePlugin, "search_articles", new KernelArguments { ["query"] = question.SearchText, ["top"] = 6 });
        Add(calls, kernel, IndicatorsPlugin, "find_indicators", new KernelArguments { ["query"] = question.SearchText });
        Add(calls, kernel, IndicatorsPlugin, "find_figures", new KernelArguments { ["query"] = question.SearchText });
        return calls;
    }

    private static void Add(List<FunctionCallContent> calls, Kernel kernel, string plugin, string function, KernelArguments arguments)
    {
        if (kernel.Plugins.TryGetFunction(plugin, function, out _))
        {
            calls.Add(new FunctionCallContent(function, plugin, $"call_{calls.Count + 1}", arguments));
        }
    }
}
