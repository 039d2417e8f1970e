using ChatAnalyst.Knowledge;
using ChatAnalyst.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ChatAnalyst.Cli;

/// <summary>Builds the same services the bot uses (configuration, knowledge base, orchestrator) for one CLI command.</summary>
public static class CliHost
{
    /// <param name="configurationOverrides">Configuration as command-line arguments (<c>--Key=Value</c>).</param>
    /// <param name="verbose">Show informational logs.</param>
    /// <param name="configure">A last word on the services once everything is registered (the bench times components through it).</param>
    public static IHost Build(IReadOnlyList<string> configurationOverrides, bool verbose = false, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configurationOverrides.ToArray(),
            ContentRootPath = ContentRootLocator.Locate(),
        });
        EnumSettings.Validate(builder.Configuration, typeof(AiOptions), typeof(KnowledgeOptions));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

        // Logs are for the person at the terminal; standard output is for results (ask --json | jq).
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        // A provider-specific rule outranks appsettings' Logging:LogLevel:Default, so the CLI stays quiet unless asked.
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Services.AddChatAnalystOrchestration();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Loads the knowledge base (incremental: fast when nothing changed) and fails with the reason when it cannot.</summary>
    public static async Task EnsureKnowledgeAsync(IHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        await host.Services.GetRequiredService<KnowledgeLoader>().LoadAsync(cancellationToken);
        var readiness = host.Services.GetRequiredService<KnowledgeReadiness>();
        if (!readiness.IsReady)
        {
            throw new InvalidOperationException("The knowledge base could not be loaded: " + readiness.Status);
        }
    }
}
