using ChatAnalyst.Knowledge;
using ChatAnalyst.Orchestration;
using ChatAnalyst.Orchestration.Answers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAnalyst.Tests.Orchestration;

/// <summary>
/// The real orchestration wiring (<c>AddChatAnalystOrchestration</c>, resilient model HttpClient included) over the
/// sample knowledge folder, talking to a <see cref="FakeOpenAiServer"/> as an OpenAI-compatible model, or offline
/// when no server is given. The embedding generator is passed in so the tests share one MiniLM model.
/// </summary>
internal sealed class LlmPathHost : IAsyncDisposable
{
    private readonly IHost _host;

    private LlmPathHost(IHost host, RecordingLoggerProvider logs)
    {
        _host = host;
        Logs = logs;
    }

    public AnswerOrchestrator Orchestrator => _host.Services.GetRequiredService<AnswerOrchestrator>();

    public RecordingLoggerProvider Logs { get; }

    /// <summary>Builds the host, starts it and loads the knowledge base; <paramref name="settings"/> are extra <c>ChatAnalyst:Ai</c> keys, e.g. ("TimeoutSeconds", "1").</summary>
    public static async Task<LlmPathHost> StartAsync(
        IEmbeddingGenerator<string, Embedding<float>> embeddings,
        string database,
        FakeOpenAiServer? server,
        params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = TestPaths.RepoRoot,
            EnvironmentName = "Test",
        });
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

        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new RecordingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(embeddings);
        builder.Services.AddChatAnalystOrchestration();

        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<KnowledgeLoader>().LoadAsync(CancellationToken.None);
        var readiness = host.Services.GetRequiredService<KnowledgeReadiness>();
        if (!readiness.IsReady)
        {
            throw new InvalidOperationException("The sample knowledge base did not load: " + readiness.Status);
        }

        return new LlmPathHost(host, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
