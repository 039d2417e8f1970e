using System.Runtime.CompilerServices;
using System.Text.Json;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Reading;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ChatAnalyst.Orchestration.Offline;

/// <summary>
/// The built-in model: a deterministic chat completion service with no network. Like a hosted model it is
/// called through <see cref="IChatCompletionService"/> with the kernel's tools: on a new question it answers with
/// tool calls (the plan), and once the tool results are in the history it composes an extractive answer from them.
/// Because it sits behind the same abstraction, tests exercise the real function-calling path offline.
/// </summary>
public sealed class OfflineChatCompletionService : IChatCompletionService
{
    public const string ModelId = "chatanalyst-offline";

    private readonly OfflinePlanner _planner = new();
    private readonly OfflineReader _reader;
    private readonly BilingualGlossary _glossary;
    private readonly UnitNames _units;

    // One chat history is one turn: its question is read once, not again in every planning round and in the answer.
    private readonly TurnAnalyses _analyses;

    public OfflineChatCompletionService(BilingualGlossary glossary, UnitNames units, ReaderModel model, ReaderTraceSink traces, TurnAnalyses analyses)
    {
        _glossary = glossary;
        _units = units;
        _analyses = analyses;
        _reader = new OfflineReader(model, units, traces);
    }

    /// <summary>The offline model with the shipped reader weights and no tracing.</summary>
    public OfflineChatCompletionService(BilingualGlossary glossary)
        : this(glossary, UnitNames.Empty, ReaderModel.LoadDefault(), new ReaderTraceSink(), new TurnAnalyses())
    {
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?> { ["ModelId"] = ModelId };

    /// <inheritdoc/>
    public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null,
        Kernel? kernel = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chatHistory);
        cancellationToken.ThrowIfCancellationRequested();
        var conversation = OfflineConversation.From(chatHistory, (question, earlier) =>
        {
            // The orchestrator analysed the question when the turn began; a caller that bypasses it gets one analysis too.
            if (_analyses.Find(chatHistory, question) is { } known)
            {
                return known;
            }

            var analysis = QuestionAnalysis.Analyze(question, earlier, _glossary, _units);
            _analyses.Set(chatHistory, analysis);
            return analysis;
        });
        var toolsAllowed = kernel is not null && executionSettings?.FunctionChoiceBehavior is not null
            and not NoneFunctionChoiceBehavior;
        var calls = toolsAllowed ? _planner.Plan(conversation, kernel!) : [];
        var message = calls.Count > 0
            ? new ChatMessageContent(AuthorRole.Assistant, [.. calls]) { ModelId = ModelId }
            : new ChatMessageContent(AuthorRole.Assistant, Answer(conversation)) { ModelId = ModelId };
        return Task.FromResult<IReadOnlyList<ChatMessageContent>>([message]);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null,
        Kernel? kernel = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var messages = await GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);
        foreach (var message in messages)
        {
            if (message.Items.OfType<FunctionCallContent>().Any())
            {
                var update = new StreamingChatMessageContent(AuthorRole.Assistant, null) { ModelId = ModelId };
                var index = 0;
                foreach (var call in message.Items.OfType<FunctionCallContent>())
                {
                    update.Items.Add(new StreamingFunctionCallUpdateContent(
                        call.Id,
                        $"{call.PluginName}-{call.FunctionName}",
                        JsonSerializer.Serialize(call.Arguments?.ToDictionary(a => a.Key, a => a.Value)),
                        index++));
                }

                yield return update;
                continue;
            }

            // Stream sentence by sentence, as a hosted model would stream tokens.
            foreach (var piece in (message.Content ?? string.Empty).Split(' '))
            {
                yield return new StreamingChatMessageContent(AuthorRole.Assistant, piece + " ") { ModelId = ModelId };
            }
        }
    }

    /// <summary>
    /// Charts are captioned from the chart tool's figures, saying which named indicators were not found; every other
    /// question goes to the reader.
    /// </summary>
    private string Answer(OfflineConversation conversation)
    {
        if (conversation.Analysis.Intent != QuestionIntent.Chart || conversation.Results.LastOrDefault(r => r.Chart is not null) is not { } chart)
        {
            return _reader.Read(conversation.Analysis, conversation.Results);
        }

        var caption = AnswerWriter.Chart(conversation.Analysis, chart);
        var missing = OfflinePlanner.NamedSeries(conversation).Where(n => n.Best is null).Select(n => n.Subject).ToList();
        if (missing.Count == 0)
        {
            return caption;
        }

        return conversation.Analysis.IsChinese
            ? $"{caption} 知识库中没有{string.Join("、", missing.Select(m => $"“{m}”"))}的指标数据，图中未包含。"
            : $"{caption} I found no curated indicator for {string.Join(" or ", missing.Select(m => $"\"{m}\""))}, so the chart leaves it out.";
    }
}
