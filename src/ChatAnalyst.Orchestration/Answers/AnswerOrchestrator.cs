using System.Diagnostics;
using System.Globalization;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;
using ChatAnalyst.Orchestration.Offline;
using ChatAnalyst.Orchestration.Prompts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>
/// The one answering path. It runs the configured chat model with the kernel's plugins (function calling:
/// the model plans tool calls, the kernel runs them, the model composes the answer), numbers every source,
/// and lets nothing out that the grounding guard rejects: a failing answer is regenerated once, then the
/// turn falls back to the offline model, which composes from the same tool results.
/// </summary>
public sealed class AnswerOrchestrator
{
    private readonly Kernel _kernel;
    private readonly IChatCompletionService _chat;
    private readonly OfflineChatCompletionService _offline;
    private readonly PromptLibrary _prompts;
    private readonly GroundingGuard _guard;
    private readonly AiOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AnswerOrchestrator> _logger;

    public AnswerOrchestrator(
        Kernel kernel,
        OfflineChatCompletionService offline,
        PromptLibrary prompts,
        GroundingGuard guard,
        IOptions<AiOptions> options,
        TimeProvider time,
        ILogger<AnswerOrchestrator> logger)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(options);
        _kernel = kernel;
        _chat = kernel.GetRequiredService<IChatCompletionService>();
        _offline = offline;
        _prompts = prompts;
        _guard = guard;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The offline model runs in-process, so it may take a second tool round (a period lookup) at no cost.</summary>
    private const int OfflineRoundTrips = 3;

    /// <summary>True when the configured model is the offline one (no fallback needed).</summary>
    private bool IsOffline => ReferenceEquals(_chat, _offline);

    /// <summary>Answers <paramref name="question"/> in the context of the conversation so far.</summary>
    public async Task<AnalystAnswer> AnswerAsync(IReadOnlyList<ChatTurn> history, string question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        var started = Stopwatch.GetTimestamp();
        var chat = await NewChatAsync(history, question, cancellationToken);
        var ledger = new CitationLedger();

        AnalystAnswer answer;
        if (IsOffline)
        {
            var text = await RunAsync(_offline, chat, ledger, OfflineRoundTrips, cancellationToken);
            var verdict = _guard.Check(text, ledger);
            if (!verdict.IsGrounded)
            {
                // The offline model only copies evidence, so this is a bug; never let an unsupported figure out.
                _logger.LogError("Grounding guard rejected the offline answer: {Problems}", string.Join("; ", verdict.Problems));
                text = "I could not verify an answer against the knowledge base, so I will not guess.";
            }

            answer = Finish(text, ledger, AnswerKind.Answer, "offline");
        }
        else
        {
            answer = await AnswerWithModelAsync(chat, ledger, cancellationToken);
        }

        _logger.LogInformation(
            "Answered in {Elapsed} ms: kind {Kind}, model {Model}, {Citations} citations",
            Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture),
            answer.Kind,
            answer.Model,
            answer.Citations.Count);
        return answer;
    }

    private async Task<AnalystAnswer> AnswerWithModelAsync(ChatHistory chat, CitationLedger ledger, CancellationToken cancellationToken)
    {
        var model = (_chat.Attributes.TryGetValue("ModelId", out var id) ? id as string : null) ?? _options.Model ?? _options.Provider.ToString();
        try
        {
            var text = await RunAsync(_chat, chat, ledger, _options.MaxRoundTrips, cancellationToken);
            var verdict = _guard.Check(text, ledger);
            if (verdict.IsGrounded)
            {
                return Finish(text, ledger, AnswerKind.Answer, model);
            }

            _logger.LogWarning("Grounding guard rejected the model's answer: {Problems}", string.Join("; ", verdict.Problems));
            chat.AddAssistantMessage(text);
            chat.AddUserMessage(await _prompts.RenderAsync(
                "grounding_retry",
                _kernel,
                new KernelArguments { ["problems"] = string.Join('\n', verdict.Problems.Select(p => "- " + p)) },
                cancellationToken));
            var retry = await CompleteAsync(_chat, chat, allowTools: false, cancellationToken);
            verdict = _guard.Check(retry, ledger);
            if (verdict.IsGrounded)
            {
                return Finish(retry, ledger, AnswerKind.Answer, model);
            }

            _logger.LogWarning("Grounding guard rejected the regenerated answer too: {Problems}", string.Join("; ", verdict.Problems));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(ex, "The {Provider} model failed; answering offline", _options.Provider);
        }

        return await FallbackAsync(chat, ledger, cancellationToken);
    }

    /// <summary>The offline model composes from the tool results already gathered (or gathers them itself).</summary>
    private async Task<AnalystAnswer> FallbackAsync(ChatHistory chat, CitationLedger ledger, CancellationToken cancellationToken)
    {
        var offlineChat = new ChatHistory(chat.Where(m => m.Role != AuthorRole.Assistant || m.Items.OfType<FunctionCallContent>().Any()));
        var text = ledger.Items.Count > 0
            ? await CompleteAsync(_offline, offlineChat, allowTools: false, cancellationToken)
            : await RunAsync(_offline, offlineChat, ledger, OfflineRoundTrips, cancellationToken);
        return Finish(text, ledger, AnswerKind.Fallback, "offline");
    }

    /// <summary>The function-calling loop: model → tool calls → kernel → model, at most MaxRoundTrips model calls.</summary>
    private async Task<string> RunAsync(IChatCompletionService chat, ChatHistory history, CitationLedger ledger, int maxRoundTrips, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            var allowTools = round < maxRoundTrips;
            var reply = await chat.GetChatMessageContentAsync(history, Settings(allowTools), _kernel, cancellationToken);
            LogUsage(reply, round);
            var calls = FunctionCallContent.GetFunctionCalls(reply).ToList();
            if (calls.Count == 0 || !allowTools)
            {
                return reply.Content ?? string.Empty;
            }

            history.Add(reply);
            foreach (var call in calls)
            {
                history.Add(await InvokeToolAsync(call, ledger, cancellationToken));
            }
        }
    }

    private async Task<string> CompleteAsync(IChatCompletionService chat, ChatHistory history, bool allowTools, CancellationToken cancellationToken)
    {
        var reply = await chat.GetChatMessageContentAsync(history, Settings(allowTools), _kernel, cancellationToken);
        LogUsage(reply, 0);
        return reply.Content ?? string.Empty;
    }

    private async Task<ChatMessageContent> InvokeToolAsync(FunctionCallContent call, CitationLedger ledger, CancellationToken cancellationToken)
    {
        object? result;
        try
        {
            var invoked = await call.InvokeAsync(_kernel, cancellationToken);
            result = invoked.Result is ToolEvidence evidence ? ledger.Register(evidence) : invoked.Result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failing tool is reported to the model as a fact, so it can answer from the other tools or decline.
            _logger.LogError(ex, "Tool {Plugin}.{Function} failed", call.PluginName, call.FunctionName);
            result = $"The tool {call.FunctionName} failed and returned nothing.";
        }

        return new FunctionResultContent(call, result).ToChatMessage();
    }

    private static PromptExecutionSettings Settings(bool allowTools) => new()
    {
        FunctionChoiceBehavior = allowTools
            ? FunctionChoiceBehavior.Auto(autoInvoke: false)
            : FunctionChoiceBehavior.None(),
    };

    private async Task<ChatHistory> NewChatAsync(IReadOnlyList<ChatTurn> history, string question, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var system = await _prompts.RenderAsync("system", _kernel, new KernelArguments { ["today"] = today }, cancellationToken);
        var chat = new ChatHistory(system);
        foreach (var turn in history)
        {
            if (turn.Role == ChatTurn.Assistant)
            {
                chat.AddAssistantMessage(turn.Text);
            }
            else
            {
                chat.AddUserMessage(turn.Text);
            }
        }

        chat.AddUserMessage(question);
        return chat;
    }

    /// <summary>
    /// Keeps only the sources the text cites and renumbers them 1..k in order of first mention. An answer that
    /// cites nothing is a decline: nothing ungrounded is ever presented as an answer.
    /// </summary>
    private static AnalystAnswer Finish(string text, CitationLedger ledger, AnswerKind kind, string model)
    {
        var renumbered = CitationMarkers.Renumber(text, ledger);
        return new AnalystAnswer(renumbered.Text, renumbered.Citations, OfflineChatCompletionService.FollowUpsFor(ledger, renumbered.Citations))
        {
            Kind = renumbered.Citations.Count == 0 ? AnswerKind.Decline : kind,
            Charts = renumbered.Citations.Count == 0 ? [] : ledger.Charts,
            Model = model,
        };
    }

    private void LogUsage(ChatMessageContent reply, int round)
    {
        if (reply.Metadata is { } metadata && metadata.TryGetValue("Usage", out var usage) && usage is not null)
        {
            _logger.LogInformation("Model round-trip {Round}: usage {Usage}", round, usage);
        }
        else
        {
            _logger.LogDebug("Model round-trip {Round}", round);
        }
    }
}
