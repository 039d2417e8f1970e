using ChatAnalyst.Orchestration.Answers;
using Microsoft.Extensions.AI;

namespace ChatAnalyst.Tests.Orchestration;

/// <summary>
/// The orchestrator on the sample knowledge base, talking to a <see cref="FakeOpenAiServer"/> (or offline when the
/// server is null), with short timeouts and one retry so failure paths stay fast, and every log line recorded.
/// </summary>
internal sealed class LlmPathHost : IAsyncDisposable
{
    private readonly AnalystTestHost _host;

    private LlmPathHost(AnalystTestHost host, RecordingLoggerProvider logs)
    {
        _host = host;
        Logs = logs;
    }

    public AnswerOrchestrator Orchestrator => _host.Orchestrator;

    public RecordingLoggerProvider Logs { get; }

    /// <summary>Starts the host; <paramref name="settings"/> override <c>ChatAnalyst:Ai:*</c>, e.g. <c>("TimeoutSeconds", "1")</c>.</summary>
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
            configuration["ChatAnalyst:Ai:" + key] = value;
        }

        var logs = new RecordingLoggerProvider();
        return new LlmPathHost(await AnalystTestHost.StartAsync(embeddings, configuration, logs), logs);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
