using ChatAnalyst.Knowledge;

namespace ChatAnalyst.Bot.Hosting;

/// <summary>Loads the knowledge base in the background at start, so the host answers /healthz at once.</summary>
public sealed class KnowledgeStartupService(KnowledgeLoader loader, ILogger<KnowledgeStartupService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await loader.LoadAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The loader marks readiness as failed; the bot keeps answering "not ready" instead of crashing.
            logger.LogError(ex, "Loading the knowledge base failed");
        }
    }
}
