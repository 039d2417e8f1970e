using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;
using ChatAnalyst.Orchestration.Offline;
using ChatAnalyst.Orchestration.Plugins;
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
/// turn falls back to the offline model, which composes from the same tool results. Each turn logs its model
/// round-trips and token usage, and reports them on the <see cref="AnalystAnswer"/>.
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
    private readonly BilingualGlossary _glossary;
    private readonly TurnAnalyses _analyses;
    private readonly ILogger<AnswerOrchestrator> _logger;
    private readonly FunctionCallingLoop _loop;

    public AnswerOrchestrator(
        Kernel kernel,
        OfflineChatCompletionService offline,
        PromptLibrary prompts,
        GroundingGuard guard,
        IOptions<AiOptions> options,
        TimeProvider time,
        BilingualGlossary glossary,
        TurnAnalyses analyses,
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
        _glossary = glossary;
        _analyses = analyses;
        _logger = logger;
        _loop = new FunctionCallingLoop(kernel, _options, logger);
    }

    /// <summary>The offline model runs in-process, so it may take a second tool round (a period lookup) at no cost.</summary>
    private const int OfflineRoundTrips = 3;

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
        var started = Stopwatch.GetTimestamp();
        var ledger = new CitationLedger();
        var earlier = history.Where(t => t.Role == ChatTurn.User).Select(t => t.Text).ToList();
        var checker = drafts is null ? null : new DraftChecker(ledger, _guard);
        var turn = new AnswerTurn(await NewChatAsync(history, question, cancellationToken), ledger, drafts, checker) { EarlierQuestions = earlier };
        // The question is analysed once, here; every later step of the turn reads this analysis.
        turn.Analysis = QuestionAnalysis.Analyze(question, earlier, _glossary);
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

        _logger.LogInformation(
            "Answered in {Elapsed} ms: kind {Kind}, model {Model}, {Citations} citations, {RoundTrips} model round-trips, {PromptTokens} prompt and {CompletionTokens} completion tokens",
            Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture),
            answer.Kind,
            answer.Model,
            answer.Citations.Count,
            answer.ModelRoundTrips,
            answer.PromptTokens,
            answer.CompletionTokens);
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
        var verdict = Check(text, turn.Ledger);
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
        try
        {
            var text = await _loop.RunAsync(_chat, turn, _options.MaxRoundTrips, cancellationToken);
            var verdict = Check(text, turn.Ledger);
            if (verdict.IsGrounded)
            {
                return Finish(text, turn, AnswerKind.Answer, model);
            }

            _logger.LogWarning("Grounding guard rejected the model's answer: {Problems}", string.Join("; ", verdict.Problems));
            turn.DiscardDraft();
            turn.Chat.AddAssistantMessage(text);
            turn.Chat.AddUserMessage(await _prompts.RenderAsync(
                "grounding_retry",
                _kernel,
                new KernelArguments { ["problems"] = string.Join('\n', verdict.Problems.Select(p => "- " + p)) },
                cancellationToken));
            var retry = (await _loop.CompleteAsync(_chat, turn, allowTools: false, cancellationToken)).Content ?? string.Empty;
            verdict = Check(retry, turn.Ledger);
            if (verdict.IsGrounded)
            {
                return Finish(retry, turn, AnswerKind.Answer, model);
            }

            _logger.LogWarning("Grounding guard rejected the regenerated answer too: {Problems}", string.Join("; ", verdict.Problems));
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
        // It is its own turn: the fallback neither streams drafts nor counts as a call to the configured model.
        var toolMessages = turn.Chat.Skip(turn.QuestionIndex + 1).Where(m => m.Items.Any(i => i is FunctionCallContent or FunctionResultContent));
        var offline = new AnswerTurn(new ChatHistory(turn.Chat.Take(turn.QuestionIndex + 1).Concat(toolMessages)), turn.Ledger, drafts: null)
        {
            Analysis = turn.Analysis,
            EarlierQuestions = turn.EarlierQuestions,
        };
        if (turn.Analysis is { } analysis)
        {
            _analyses.Set(offline.Chat, analysis);
        }

        var text = turn.Ledger.Items.Count > 0
            ? (await _loop.CompleteAsync(_offline, offline, allowTools: false, cancellationToken)).Content ?? string.Empty
            : await _loop.RunAsync(_offline, offline, OfflineRoundTrips, cancellationToken);
        return Finish(VerifiedOffline(text, offline), offline, AnswerKind.Fallback, "offline");
    }

    private const int EarlierAnswerChars = 200;

    private static string Summary(string answer)
    {
        var text = CitationMarkers.Strip(answer).Trim();
        return text.Length <= EarlierAnswerChars ? text : text[..EarlierAnswerChars].TrimEnd() + "…";
    }

    private async Task<ChatHistory> NewChatAsync(IReadOnlyList<ChatTurn> history, string question, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var system = await _prompts.RenderAsync("system", _kernel, new KernelArguments { ["today"] = today }, cancellationToken);
        var chat = new ChatHistory(system);
        foreach (var turn in history)
        {
            if (turn.Role == ChatTurn.Assistant)
            {
                // Earlier answers only tell the model what was discussed; their full text would cost prompt tokens
                // every turn, and their [n] markers point at sources of a turn that is over.
                chat.AddAssistantMessage(Summary(turn.Text));
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
    private static AnalystAnswer Finish(string text, AnswerTurn turn, AnswerKind kind, string model)
    {
        var ledger = turn.Ledger;
        var renumbered = CitationMarkers.Renumber(text.Trim(), ledger);
        var followUps = FollowUpSuggestions.For(turn.Analysis?.Text ?? string.Empty, turn.EarlierQuestions, renumbered.Text, ledger, renumbered.Citations);
        return new AnalystAnswer(renumbered.Text, renumbered.Citations, followUps)
        {
            Kind = renumbered.Citations.Count == 0 ? AnswerKind.Decline : kind,
            Charts = renumbered.Citations.Count == 0 ? [] : ledger.Charts,
            Model = model,
        };
    }

    /// <summary>The grounding guard, plus one check it cannot make: an empty answer is no answer.</summary>
    private GroundingVerdict Check(string text, CitationLedger ledger) =>
        string.IsNullOrWhiteSpace(text) ? new GroundingVerdict(["The answer was empty."]) : _guard.Check(text, ledger);
}
