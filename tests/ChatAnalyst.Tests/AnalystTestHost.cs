using ChatAnalyst.Knowledge;
using ChatAnalyst.Orchestration;
using ChatAnalyst.Orchestration.Answers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAnalyst.Tests;

/// <summary>
/// The orchestrator with its real DI wiring (kernel, plugins, knowledge base) on a test's own settings, loaded and ready.
/// Settings are full configuration keys, e.g. <c>ChatAnalyst:Knowledge:Sources:0</c>.
/// </summary>
internal sealed class AnalystTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private AnalystTestHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public AnswerOrchestrator Orchestrator => _host.Services.GetRequiredService<AnswerOrchestrator>();

    public static async Task<AnalystTestHost> StartAsync(
        IEmbeddingGenerator<string, Embedding<float>> embeddings,
        IReadOnlyDictionary<string, string?> settings,
        ILoggerProvider? logs = null,
        Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = TestPaths.RepoRoot,
            EnvironmentName = "Test",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            // appsettings.json keeps the console at warnings; a test that reads the logs wants the informational ones too.
            builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Information")]);
            builder.Logging.AddProvider(logs);
        }

        // One embedding model for the whole test run: loading MiniLM per host would dominate test time.
        builder.Services.AddSingleton(embeddings);
        builder.Services.AddChatAnalystOrchestration();
        services?.Invoke(builder.Services);

        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<KnowledgeLoader>().LoadAsync(CancellationToken.None);
        var readiness = host.Services.GetRequiredService<KnowledgeReadiness>();
        if (!readiness.IsReady)
        {
            throw new InvalidOperationException("The knowledge base did not load: " + readiness.Status);
        }

        return new AnalystTestHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
