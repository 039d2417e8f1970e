using System.Diagnostics;
using System.Text;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Plugins;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>
/// The model ↔ tools loop of one turn: model call, tool calls run by the kernel, results numbered by the turn's
/// ledger, and again, within a budget of model round-trips; answer-only rounds stream when the caller streams. Each
/// call the model asks for passes the turn's <see cref="Safety.ToolCallGate"/> first; each model and tool call is a span.
/// </summary>
internal sealed class FunctionCallingLoop(Kernel kernel, AiOptions options, LimitsOptions limits, ILogger logger)
{
    private readonly Kernel _kernel = kernel;
    private readonly AiOptions _options = options;
    private readonly ILogger _logger = logger;

    /// <summary>Asks the model for no longer an answer than may be shown (a character is at least a token's worth).</summary>
    private readonly Dictionary<string, object> _answerCap = new() { ["max_tokens"] = limits.MaxAnswerCharacters };

    /// <summary>The function-calling loop: model → tool calls → kernel → model, at most <paramref name="maxRoundTrips"/> model calls.</summary>
    /// <param name="chat">The model.</param>
    /// <param name="turn">The turn: its chat, ledger, gate and usage.</param>
    /// <param name="maxRoundTrips">Model calls at most; the last is answer-only.</param>
    /// <param name="cancellationToken">Ends the loop (the turn's deadline).</param>
    /// <param name="prefetch">
    /// Searches to run before the model's first round (the question analysis's, <see cref="Offline.OfflinePlanner.FirstSearches"/>):
    /// their results sit in the chat as if the model had asked for them, so it can answer in its first round instead of
    /// spending one on asking (and a one-round budget still answers from evidence).
    /// </param>
    public async Task<string> RunAsync(IChatCompletionService chat, AnswerTurn turn, int maxRoundTrips, CancellationToken cancellationToken, IReadOnlyList<FunctionCallContent>? prefetch = null)
    {
        if (prefetch is { Count: > 0 })
        {
            await PrefetchAsync(turn, prefetch, maxRoundTrips, cancellationToken);
        }

        for (var round = 1; ; round++)
        {
            var allowTools = round < maxRoundTrips;
            var reply = await CompleteAsync(chat, turn, allowTools ? maxRoundTrips : 0, cancellationToken);
            var calls = FunctionCallContent.GetFunctionCalls(reply).ToList();
            if (calls.Count == 0 || !allowTools)
            {
                // Tool calls in an answer-only round are never run: no tools were offered in it.
                return reply.Content ?? string.Empty;
            }

            turn.Chat.Add(reply);

            // Each call passes the gate in call order (the budget counts them in that order); the calls of one round
            // were issued together, so they are independent and run side by side (the query embedding is CPU-bound;
            // the indicator lookups wait on SQLite). Results are numbered in call order, so citation numbers do not
            // depend on which tool finished first.
            var offered = OfferedTools(maxRoundTrips);
            var refusals = calls.Select(call => Refuse(turn, call, offered)).ToList();
            // Series ids only serve further indicator calls; when the next round is the last, the model cannot make
            // any, so the ids are not sent (prompt tokens).
            await RunCallsAsync(turn, calls, refusals, lastToolRound: round + 1 >= maxRoundTrips, cancellationToken);
        }
    }

    /// <summary>
    /// Runs the planned searches as if the model had asked for them in a round of its own. They pass the gate like the
    /// model's calls (they count against the turn's budget; the ledger is still empty, so no argument can come from a
    /// document), and no more are run than the budget allows.
    /// </summary>
    private async Task PrefetchAsync(AnswerTurn turn, IReadOnlyList<FunctionCallContent> prefetch, int maxRoundTrips, CancellationToken cancellationToken)
    {
        var calls = prefetch.Take(turn.Gate.Remaining).ToList();
        if (calls.Count == 0)
        {
            return;
        }

        turn.Chat.Add(new ChatMessageContent(AuthorRole.Assistant, [.. calls]));
        turn.PrefetchedMessages = 1 + calls.Count;
        var offered = OfferedTools(maxRoundTrips);
        var refusals = calls.Select(call => Refuse(turn, call, offered)).ToList();
        // With two round-trips the model's tool round is offered only the searches, which take no series id.
        await RunCallsAsync(turn, calls, refusals, lastToolRound: maxRoundTrips <= 2, cancellationToken);
    }

    /// <summary>Runs one round's calls (a refused call's result is its refusal) and adds each result to the chat, in call order.</summary>
    private async Task RunCallsAsync(AnswerTurn turn, List<FunctionCallContent> calls, List<string?> refusals, bool lastToolRound, CancellationToken cancellationToken)
    {
        // The first call (the planner's article search: its query embedding is the turn's longest step) runs here, after
        // the others go to the pool; queued with them it started last, as a pool thread takes its newest item first.
        var tasks = new Task<object?>[calls.Count];
        for (var i = calls.Count - 1; i >= 0; i--)
        {
            var call = calls[i];
            tasks[i] = refusals[i] is { } refused ? Task.FromResult<object?>(refused) : i == 0 ? InvokeToolAsync(call, cancellationToken) : Task.Run(() => InvokeToolAsync(call, cancellationToken), cancellationToken);
        }

        var results = await Task.WhenAll(tasks);
        for (var i = 0; i < calls.Count; i++)
        {
            var result = results[i] is ToolEvidence evidence ? turn.Ledger.Register(lastToolRound ? evidence.WithoutSeriesIds() : evidence) : results[i];
            turn.Chat.Add(new FunctionResultContent(calls[i], result).ToChatMessage());
        }
    }

    /// <summary>
    /// One model round-trip. Rounds that may call tools are never streamed (the tool calls are needed whole); an
    /// answer-only round is streamed when the caller streams, each piece going out as a draft. <c>toolBudget</c> is the
    /// turn's budget of round-trips when this round may call tools, else 0.
    /// </summary>
    public async Task<ChatMessageContent> CompleteAsync(IChatCompletionService chat, AnswerTurn turn, int toolBudget, CancellationToken cancellationToken)
    {
        turn.Usage.StartRoundTrip();
        var model = chat.GetModelId() ?? _options.Model ?? "unknown";
        using var span = ChatAnalystTelemetry.Source.StartActivity("chat " + model, ActivityKind.Client);
        span?.SetTag("gen_ai.operation.name", "chat");
        span?.SetTag("gen_ai.request.model", model);
        span?.SetTag("chatanalyst.model.round", turn.Usage.RoundTrips);
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var reply = await CallAsync(chat, turn, toolBudget, cancellationToken);
            outcome = "ok";
            return reply;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            span?.SetTag("chatanalyst.outcome", outcome);
            if (outcome != "ok")
            {
                span?.SetStatus(ActivityStatusCode.Error, outcome);
            }

            var tags = new TagList { { "gen_ai.request.model", model }, { "chatanalyst.outcome", outcome } };
            ChatAnalystTelemetry.ModelCalls.Add(1, tags);
            ChatAnalystTelemetry.ModelCallDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    private async Task<ChatMessageContent> CallAsync(IChatCompletionService chat, AnswerTurn turn, int toolBudget, CancellationToken cancellationToken)
    {
        var allowTools = toolBudget > 0;
        if (!turn.Streams || allowTools)
        {
            var reply = await chat.GetChatMessageContentAsync(turn.Chat, allowTools ? ToolSettings(toolBudget) : Settings(allowTools: false), _kernel, cancellationToken);
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

    private string? Refuse(AnswerTurn turn, FunctionCallContent call, IReadOnlySet<string> offered)
    {
        var refusal = turn.Gate.Refusal(call, offered, turn.UserText, turn.Ledger);
        if (refusal is not null)
        {
            _logger.LogWarning("Did not run the tool call {Plugin}-{Function}: {Reason}", call.PluginName, call.FunctionName, refusal);
            ChatAnalystTelemetry.ToolCalls.Add(1, new TagList { { "chatanalyst.tool", call.FunctionName }, { "chatanalyst.outcome", "refused" } });
        }

        return refusal;
    }

    private async Task<object?> InvokeToolAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        using var span = ChatAnalystTelemetry.Source.StartActivity(ChatAnalystTelemetry.ToolSpanName(call.PluginName, call.FunctionName));
        span?.SetTag("gen_ai.tool.name", call.FunctionName);
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            var result = (await call.InvokeAsync(_kernel, cancellationToken)).Result;
            var items = (result as ToolEvidence)?.Items.Count;
            span?.SetTag("chatanalyst.tool.items", items);
            _logger.LogInformation("Tool {Plugin}-{Function} returned {Items} items in {Elapsed:F0} ms", call.PluginName, call.FunctionName, items, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failing tool is reported to the model as a fact, so it can answer from the other tools or decline.
            outcome = "error";
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            if (ChatAnalyst.Knowledge.Storage.PostgresFaults.IsUnavailable(ex))
            {
                // The database restarting is an outage, not a bug: one line, no stack trace.
                _logger.LogWarning("Tool {Plugin}.{Function} failed: the database was unavailable: {Message}", call.PluginName, call.FunctionName, ChatAnalyst.Knowledge.Storage.PostgresFaults.Describe(ex));
            }
            else
            {
                _logger.LogError(ex, "Tool {Plugin}.{Function} failed", call.PluginName, call.FunctionName);
            }

            return $"The tool {call.FunctionName} failed and returned nothing.";
        }
        finally
        {
            var tags = new TagList { { "chatanalyst.tool", call.FunctionName }, { "chatanalyst.outcome", outcome } };
            ChatAnalystTelemetry.ToolCalls.Add(1, tags);
            ChatAnalystTelemetry.ToolCallDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    /// <summary>
    /// An answer-only round sends no tool schemas at all (rather than <c>tool_choice: none</c> with every schema):
    /// the schemas are the largest fixed part of the prompt and the model cannot use them in that round anyway.
    /// </summary>
    private PromptExecutionSettings Settings(bool allowTools) => new()
    {
        FunctionChoiceBehavior = allowTools ? FunctionChoiceBehavior.Auto(autoInvoke: false) : null,
        ExtensionData = _answerCap,
    };

    /// <summary>
    /// With a budget of two model round-trips (the default for a hosted model) the model gets one tool round, so it is
    /// offered only the tools that need no id from another tool: every other schema would cost prompt tokens and could
    /// not be used.
    /// </summary>
    private PromptExecutionSettings ToolSettings(int maxRoundTrips) => maxRoundTrips > 2
        ? Settings(allowTools: true)
        : new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(StandaloneFunctions(), autoInvoke: false), ExtensionData = _answerCap };

    private List<KernelFunction> StandaloneFunctions() => StandaloneTools
        .Select(t => _kernel.Plugins.TryGetFunction(t.Plugin, t.Function, out var f) ? f : null)
        .OfType<KernelFunction>()
        .ToList();

    /// <summary>The functions offered in a tool round, as the model names them ("Plugin-function").</summary>
    private HashSet<string> OfferedTools(int maxRoundTrips) =>
        (maxRoundTrips > 2 ? _kernel.Plugins.GetFunctionsMetadata().Select(f => (f.PluginName, f.Name)) : StandaloneFunctions().Select(f => (f.PluginName, f.Name)))
            .Select(f => $"{f.PluginName}-{f.Name}")
            .ToHashSet(StringComparer.Ordinal);

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
            Activity.Current?.SetTag("gen_ai.usage.input_tokens", u.Prompt);
            Activity.Current?.SetTag("gen_ai.usage.output_tokens", u.Completion);
            ChatAnalystTelemetry.ModelTokens.Add(u.Prompt, new KeyValuePair<string, object?>("gen_ai.token.type", "input"));
            ChatAnalystTelemetry.ModelTokens.Add(u.Completion, new KeyValuePair<string, object?>("gen_ai.token.type", "output"));
            _logger.LogDebug("Model round-trip {Round}: {PromptTokens} prompt and {CompletionTokens} completion tokens", turn.Usage.RoundTrips, u.Prompt, u.Completion);
        }
        else
        {
            _logger.LogDebug("Model round-trip {Round}: no usage reported", turn.Usage.RoundTrips);
        }
    }
}
