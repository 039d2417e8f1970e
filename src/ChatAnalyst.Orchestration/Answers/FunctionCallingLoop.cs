using System.Text;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Plugins;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>
/// The model ↔ tools loop of one turn: model call, tool calls run by the kernel, results numbered by the turn's
/// ledger, and again, within a budget of model round-trips; answer-only rounds stream when the caller streams.
/// </summary>
internal sealed class FunctionCallingLoop(Kernel kernel, AiOptions options, ILogger logger)
{
    private readonly Kernel _kernel = kernel;
    private readonly AiOptions _options = options;
    private readonly ILogger _logger = logger;

    /// <summary>The function-calling loop: model → tool calls → kernel → model, at most <paramref name="maxRoundTrips"/> model calls.</summary>
    public async Task<string> RunAsync(IChatCompletionService chat, AnswerTurn turn, int maxRoundTrips, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            var allowTools = round < maxRoundTrips;
            var reply = await CompleteAsync(chat, turn, allowTools, cancellationToken);
            var calls = FunctionCallContent.GetFunctionCalls(reply).ToList();
            if (calls.Count == 0 || !allowTools)
            {
                return reply.Content ?? string.Empty;
            }

            turn.Chat.Add(reply);

            // The calls of one round were issued together, so they are independent and run side by side (the query
            // embedding is CPU-bound; the indicator lookups wait on SQLite). Results are numbered in call order, so
            // citation numbers do not depend on which tool finished first.
            var results = calls.Count == 1
                ? [await InvokeToolAsync(calls[0], cancellationToken)]
                : await Task.WhenAll(calls.Select(call => Task.Run(() => InvokeToolAsync(call, cancellationToken), cancellationToken)));
            // Series ids only serve further indicator calls; when the next round is the last, the model cannot make
            // any, so the ids are not sent (prompt tokens).
            var lastToolRound = round + 1 >= maxRoundTrips;
            for (var i = 0; i < calls.Count; i++)
            {
                var result = results[i] is ToolEvidence evidence ? turn.Ledger.Register(lastToolRound ? evidence.WithoutSeriesIds() : evidence) : results[i];
                turn.Chat.Add(new FunctionResultContent(calls[i], result).ToChatMessage());
            }
        }
    }

    /// <summary>
    /// One model round-trip. Rounds that may call tools are never streamed (the tool calls are needed whole); an
    /// answer-only round is streamed when the caller streams, each piece going out as a draft.
    /// </summary>
    public async Task<ChatMessageContent> CompleteAsync(IChatCompletionService chat, AnswerTurn turn, bool allowTools, CancellationToken cancellationToken)
    {
        turn.Usage.StartRoundTrip();
        if (!turn.Streams || allowTools)
        {
            var reply = await chat.GetChatMessageContentAsync(turn.Chat, allowTools ? ToolSettings() : Settings(allowTools: false), _kernel, cancellationToken);
            LogUsage(turn, turn.Usage.Add(reply));
            if (!reply.Items.OfType<FunctionCallContent>().Any())
            {
                turn.Draft(reply.Content);
            }

            return reply;
        }

        var text = new StringBuilder();
        string? modelId = null;
        (int Prompt, int Completion)? usage = null;

        // The HTTP pipeline's timeout ends when the response headers arrive; a stream that stalls after that is cut
        // here, once nothing has arrived for TimeoutSeconds, and the turn falls back like any failed call.
        var idle = TimeSpan.FromSeconds(_options.TimeoutSeconds);
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stalled.CancelAfter(idle);
        try
        {
            await foreach (var update in chat.GetStreamingChatMessageContentsAsync(turn.Chat, Settings(allowTools: false), _kernel, stalled.Token))
            {
                stalled.CancelAfter(idle);
                usage = turn.Usage.Add(update) ?? usage;
                modelId ??= update.ModelId;
                if (!string.IsNullOrEmpty(update.Content))
                {
                    text.Append(update.Content);
                    turn.Draft(update.Content);
                }
            }
        }
        catch (OperationCanceledException) when (stalled.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The model's answer stream stalled: nothing arrived for {_options.TimeoutSeconds} s.");
        }

        LogUsage(turn, usage);
        return new ChatMessageContent(AuthorRole.Assistant, text.ToString()) { ModelId = modelId };
    }

    private async Task<object?> InvokeToolAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        try
        {
            return (await call.InvokeAsync(_kernel, cancellationToken)).Result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failing tool is reported to the model as a fact, so it can answer from the other tools or decline.
            _logger.LogError(ex, "Tool {Plugin}.{Function} failed", call.PluginName, call.FunctionName);
            return $"The tool {call.FunctionName} failed and returned nothing.";
        }
    }

    /// <summary>
    /// An answer-only round sends no tool schemas at all (rather than <c>tool_choice: none</c> with every schema):
    /// the schemas are the largest fixed part of the prompt and the model cannot use them in that round anyway.
    /// </summary>
    private static PromptExecutionSettings Settings(bool allowTools) => new()
    {
        FunctionChoiceBehavior = allowTools ? FunctionChoiceBehavior.Auto(autoInvoke: false) : null,
    };

    /// <summary>
    /// With the default budget of two model round-trips a hosted model gets one tool round, so it is offered only the
    /// tools that need no id from another tool: every other schema would cost prompt tokens and could not be used.
    /// </summary>
    private PromptExecutionSettings ToolSettings()
    {
        if (_options.MaxRoundTrips > 2)
        {
            return Settings(allowTools: true);
        }

        var standalone = StandaloneTools
            .Select(t => _kernel.Plugins.TryGetFunction(t.Plugin, t.Function, out var f) ? f : null)
            .OfType<KernelFunction>()
            .ToList();
        return new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(standalone, autoInvoke: false) };
    }

    private static readonly (string Plugin, string Function)[] StandaloneTools =
    [
        (KnowledgeBasePlugin.PluginName, KnowledgeBasePlugin.SearchArticles),
        (IndicatorsPlugin.PluginName, IndicatorsPlugin.FindIndicators),
        (IndicatorsPlugin.PluginName, IndicatorsPlugin.FindFigures),
    ];

    private void LogUsage(AnswerTurn turn, (int Prompt, int Completion)? usage)
    {
        if (usage is { } u)
        {
            _logger.LogDebug("Model round-trip {Round}: {PromptTokens} prompt and {CompletionTokens} completion tokens", turn.Usage.RoundTrips, u.Prompt, u.Completion);
        }
        else
        {
            _logger.LogDebug("Model round-trip {Round}: no usage reported", turn.Usage.RoundTrips);
        }
    }
}
