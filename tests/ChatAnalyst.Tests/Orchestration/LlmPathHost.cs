using ChatAnalyst.Orchestration.Answers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Tests.Orchestration;

/// <summary>
/// The orchestrator on the sample knowledge base, talking to a <see cref="FakeOpenAiServer"/> (or offline when the
/// server is null), with short timeouts and one retry so failure paths stay fast, and every log line recorded.
/// </summary>
internal sealed class LlmPathHost : IAsyncDisposable
{
    private readonly AnalystTestHost _host;

    private LlmPathHost(AnalystTestHost host, RecordingLoggerProvider logs, FunctionCallRecorder functions)
    {
        _host = host;
        Logs = logs;
        Functions = functions;
    }

    public AnswerOrchestrator Orchestrator => _host.Orchestrator;

    public RecordingLoggerProvider Logs { get; }

    /// <summary>Every kernel function the turns ran, with its arguments.</summary>
    public FunctionCallRecorder Functions { get; }

    /// <summary>
    /// Starts the host; <paramref name="settings"/> override <c>ChatAnalyst:Ai:*</c>, e.g. <c>("TimeoutSeconds", "1")</c>, or
    /// any key given in full (<c>("ChatAnalyst:Limits:TurnDeadlineSeconds", "3")</c>).
    /// </summary>
    public static async Task<LlmPathHost> StartAsync(
        IEmbeddingGenerator<string, Embedding<float>> embeddings,
        string database,
        FakeOpenAiServer? server,
        params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["ChatAnalyst:Knowledge:Database"] = database,
            ["ChatAnalyst:Ai:Provider"] = server is null ? "Offline" : "OpenAICompatible",
            ["ChatAnalyst:Ai:Endpoint"] = server?.Endpoint.ToString(),
            ["ChatAnalyst:Ai:Model"] = "fake-model",
            ["ChatAnalyst:Ai:TimeoutSeconds"] = "2",
            ["ChatAnalyst:Ai:MaxRetries"] = "1",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key.Contains(':', StringComparison.Ordinal) ? key : "ChatAnalyst:Ai:" + key] = value;
        }

        var logs = new RecordingLoggerProvider();
        var functions = new FunctionCallRecorder();
        var host = await AnalystTestHost.StartAsync(embeddings, configuration, logs, services => services.AddSingleton<IFunctionInvocationFilter>(functions));
        return new LlmPathHost(host, logs, functions);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
