using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;
using ChatAnalyst.Orchestration.Offline;
using ChatAnalyst.Orchestration.Prompts;
using ChatAnalyst.Orchestration.Safety;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>
/// The one answering path. It runs the configured chat model with the kernel's plugins (function calling:
/// the model plans tool calls, the kernel runs them, the model composes the answer), numbers every source,
/// and lets nothing out that the <see cref="AnswerPolicy"/> rejects: a failing answer is regenerated once, then the
/// turn falls back to the offline model, which composes from the same tool results. A hosted model gets
/// <see cref="LimitsOptions.TurnDeadlineSeconds"/> for the whole turn; then the user gets the best answer so far.
/// Each turn logs its model round-trips and token usage, reports them on the <see cref="AnalystAnswer"/>, and is a span.
/// </summary>
public sealed class AnswerOrchestrator
{
    private readonly Kernel _kernel;
    private readonly IChatCompletionService _chat;
    private readonly OfflineChatCompletionService _offline;
    private readonly PromptLibrary _prompts;
    private readonly AnswerPolicy _policy;
    private readonly AiOptions _options;
    private readonly LimitsOptions _limits;
    private readonly BilingualGlossary _glossary;
    private readonly UnitNames _units;
    private readonly TurnAnalyses _analyses;
    private readonly ILogger<AnswerOrchestrator> _logger;
    private readonly FunctionCallingLoop _loop;
    private readonly TurnChatBuilder _chats;

    public AnswerOrchestrator(
        Kernel kernel,
        OfflineChatCompletionService offline,
        PromptLibrary prompts,
        AnswerPolicy policy,
        IOptions<AiOptions> options,
        IOptions<LimitsOptions> limits,
        TimeProvider time,
        BilingualGlossary glossary,
        UnitNames units,
        TurnAnalyses analyses,
        ILogger<AnswerOrchestrator> logger)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        _kernel = kernel;
        _chat = kernel.GetRequiredService<IChatCompletionService>();
        _offline = offline;
        _prompts = prompts;
        _policy = policy;
        _options = options.Value;
        _limits = limits.Value;
        _glossary = glossary;
        _units = units;
        _analyses = analyses;
        _logger = logger;
        _loop = new FunctionCallingLoop(kernel, _options, _limits, logger);
        _chats = new TurnChatBuilder(kernel, prompts, time);
    }

    /// <summary>The offline model runs in-process, so it may take a second tool round (a period lookup) at no cost.</summary>
    private const int OfflineRoundTrips = 3;

    /// <summary>Passages and series the searches run before a hosted model's first round return: the tools' defaults (prompt tokens).</summary>
    private const int PrefetchedResults = 3;

    /// <summary>True when the configured model is the offline one (no fallback needed).</summary>
    private bool IsOffline => ReferenceEquals(_chat, _offline);

    /// <summary>True for a hosted model, worth streaming; the offline model writes its answer at once, in milliseconds.</summary>
    public bool UsesHostedModel => !IsOffline;

    /// <summary>Answers <paramref name="question"/> in the context of the conversation so far.</summary>
    public Task<AnalystAnswer> AnswerAsync(IReadOnlyList<ChatTurn> history, string question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        return TurnAsync(history, question, drafts: null, cancellationToken);
    }

    /// <summary>
    /// Answers like <see cref="AnswerAsync"/>, streaming the model's final text as it is written. Tool rounds are not
    /// streamed. Drafts are unverified; the last update is always one <see cref="AnswerUpdateKind.Final"/> carrying the
    /// answer that passed the grounding guard (or the offline fallback), which replaces the drafts.
    /// </summary>
    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(
        IReadOnlyList<ChatTurn> history,
        string question,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentException.ThrowIfNullOrWhiteSpace(question);

        // The turn runs as ordinary async code (it must catch model failures, which an iterator cannot do around a
        // yield) and hands its updates over a channel.
        var updates = Channel.CreateUnbounded<AnswerUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = ProduceAsync(updates.Writer, history, question, stop.Token);
        try
        {
            await foreach (var update in updates.Reader.ReadAllAsync(cancellationToken))
            {
                yield return update;
            }
        }
        finally
        {
            // A caller that stops reading early (the user left) also stops the model call.
            await stop.CancelAsync();
            await producer;
        }
    }

    private async Task ProduceAsync(ChannelWriter<AnswerUpdate> writer, IReadOnlyList<ChatTurn> history, string question, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await TurnAsync(history, question, writer, cancellationToken);
            writer.TryWrite(AnswerUpdate.Final(answer));
            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }

    private async Task<AnalystAnswer> TurnAsync(IReadOnlyList<ChatTurn> history, string question, ChannelWriter<AnswerUpdate>? drafts, CancellationToken cancellationToken)
    {
        using var span = ChatAnalystTelemetry.Source.StartActivity("answer");
        var started = Stopwatch.GetTimestamp();
        var ledger = new CitationLedger();
        var earlier = history.Where(t => t.Role == ChatTurn.User).Select(t => t.Text).ToList();
        var checker = drafts is null ? null : new DraftChecker(ledger, _policy);
        var turn = new AnswerTurn(await _chats.BuildAsync(history, question, cancellationToken), ledger, drafts, checker)
        {
            EarlierQuestions = earlier,
            Gate = new ToolCallGate(_limits.MaxToolCallsPerTurn),
        };
        // The question is analysed once, here; every later step of the turn reads this analysis.
        turn.Analysis = QuestionAnalysis.Analyze(question, earlier, _glossary, _units);
        _analyses.Set(turn.Chat, turn.Analysis);
        var answer = IsOffline
            ? await AnswerOfflineAsync(turn, cancellationToken)
            : await AnswerWithModelAsync(turn, cancellationToken);
        answer = answer with
        {
            ModelRoundTrips = turn.Usage.RoundTrips,
            PromptTokens = turn.Usage.PromptTokens,
            CompletionTokens = turn.Usage.CompletionTokens,
        };

        TurnTelemetry.Record(answer, Stopwatch.GetElapsedTime(started), span, _logger);
        return answer;
    }

    private async Task<AnalystAnswer> AnswerOfflineAsync(AnswerTurn turn, CancellationToken cancellationToken)
    {
        var text = await _loop.RunAsync(_offline, turn, OfflineRoundTrips, cancellationToken);
        return Finish(VerifiedOffline(text, turn), turn, AnswerKind.Answer, "offline");
    }

    /// <summary>The offline model's text if the guard accepts it; otherwise a plain refusal to guess.</summary>
    private string VerifiedOffline(string text, AnswerTurn turn)
    {
        var verdict = _policy.Check(text, turn.Ledger);
        if (verdict.IsGrounded)
        {
            return text;
        }

        // The offline model only copies evidence, so this is a bug; never let an unsupported figure out.
        _logger.LogError("Grounding guard rejected the offline answer: {Problems}", string.Join("; ", verdict.Problems));
        turn.DiscardDraft();
        return "I could not verify an answer against the knowledge base, so I will not guess.";
    }

    private async Task<AnalystAnswer> AnswerWithModelAsync(AnswerTurn turn, CancellationToken cancellationToken)
    {
        var model = (_chat.Attributes.TryGetValue("ModelId", out var id) ? id as string : null) ?? _options.Model ?? _options.Provider.ToString();

        // The whole turn's model work (retries and Retry-After waits included) ends at the deadline, so the offline
        // answer still reaches the user within the channel's 15 s.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(_limits.TurnDeadlineSeconds));
        try
        {
            var text = await _loop.RunAsync(_chat, turn, _options.MaxRoundTrips, deadline.Token, OfflinePlanner.FirstSearches(turn.Analysis!, _kernel, PrefetchedResults, PrefetchedResults));
            var verdict = _policy.Check(text, turn.Ledger);
            if (verdict.IsGrounded)
            {
                return Finish(text, turn, AnswerKind.Answer, model);
            }

            _logger.LogWarning("The answer policy rejected the model's answer: {Problems}", string.Join("; ", verdict.Problems));
            turn.DiscardDraft();
            turn.Chat.AddAssistantMessage(text);
            turn.Chat.AddUserMessage(await _prompts.RenderAsync(
                "grounding_retry",
                _kernel,
                new KernelArguments { ["problems"] = string.Join('\n', verdict.Problems.Select(p => "- " + p)) },
                cancellationToken));
            var retry = (await _loop.CompleteAsync(_chat, turn, toolBudget: 0, deadline.Token)).Content ?? string.Empty;
            verdict = _policy.Check(retry, turn.Ledger);
            if (verdict.IsGrounded)
            {
                return Finish(retry, turn, AnswerKind.Answer, model);
            }

            _logger.LogWarning("The answer policy rejected the regenerated answer too: {Problems}", string.Join("; ", verdict.Problems));
        }
        catch (Exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(
                "The {Provider} model did not answer within the turn deadline of {Deadline} s (ChatAnalyst:Limits:TurnDeadlineSeconds); answering with the best answer so far",
                _options.Provider,
                _limits.TurnDeadlineSeconds);
            ChatAnalystTelemetry.LimitHits.Add(1, new KeyValuePair<string, object?>("chatanalyst.limit", "deadline"));
            if (turn.AcceptedDraft is { } accepted)
            {
                // Streamed text the policy already accepted is the best answer so far; the user has seen it grow.
                return Finish(accepted, turn, AnswerKind.Answer, model);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(ex, "The {Provider} model failed; answering offline", _options.Provider);
        }

        turn.DiscardDraft();
        return await FallbackAsync(turn, cancellationToken);
    }

    /// <summary>The offline model composes from the tool results already gathered (or gathers them itself).</summary>
    private async Task<AnalystAnswer> FallbackAsync(AnswerTurn turn, CancellationToken cancellationToken)
    {
        // The offline model takes the last user message as the question, so it gets the conversation up to the
        // question plus this turn's tool calls and results, without a rejected answer or the retry instruction.
        // It is its own turn: the fallback neither streams drafts nor counts as a call to the configured model. When the
        // model asked for nothing beyond the prefetched searches (the offline model's own first round), the offline
        // model plans the turn itself (a period lookup, a chart's series); the ledger keeps each source's number.
        var toolMessages = turn.Chat.Skip(turn.QuestionIndex + 1).Where(m => m.Items.Any(i => i is FunctionCallContent or FunctionResultContent)).ToList();
        var asked = toolMessages.Count > turn.PrefetchedMessages;
        toolMessages = asked ? toolMessages : [];

        var offline = new AnswerTurn(new ChatHistory(turn.Chat.Take(turn.QuestionIndex + 1).Concat(toolMessages)), turn.Ledger, drafts: null)
        {
            Analysis = turn.Analysis,
            EarlierQuestions = turn.EarlierQuestions,
            Gate = new ToolCallGate(_limits.MaxToolCallsPerTurn),
        };
        if (turn.Analysis is { } analysis)
        {
            _analyses.Set(offline.Chat, analysis);
        }

        var text = asked && turn.Ledger.Items.Count > 0
            ? (await _loop.CompleteAsync(_offline, offline, toolBudget: 0, cancellationToken)).Content ?? string.Empty
            : await _loop.RunAsync(_offline, offline, OfflineRoundTrips, cancellationToken);
        return Finish(VerifiedOffline(text, offline), offline, AnswerKind.Fallback, "offline");
    }

    /// <summary>
    /// Cleans the text (links and images only to cited sources, length), keeps only the sources it cites and renumbers
    /// them 1..k in order of first mention. An answer that cites nothing is a decline: nothing ungrounded is ever
    /// presented as an answer.
    /// </summary>
    private AnalystAnswer Finish(string text, AnswerTurn turn, AnswerKind kind, string model)
    {
        var ledger = turn.Ledger;
        var renumbered = CitationMarkers.Renumber(_policy.Clean(text, ledger), ledger);
        var followUps = FollowUpSuggestions.For(turn.Analysis?.Text ?? string.Empty, turn.EarlierQuestions, renumbered.Text, ledger, renumbered.Citations);
        return new AnalystAnswer(renumbered.Text, renumbered.Citations, followUps)
        {
            Kind = renumbered.Citations.Count == 0 ? AnswerKind.Decline : kind,
            Charts = renumbered.Citations.Count == 0 ? [] : ledger.Charts,
            Model = model,
            ToolCalls = turn.Gate.Calls,
            Evidence = ledger.Items.ToList(),
        };
    }
}
