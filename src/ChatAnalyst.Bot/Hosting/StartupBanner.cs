using ChatAnalyst.Knowledge;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ChatAnalyst.Bot.Hosting;

/// <summary>
/// The few lines a person who starts the bot needs, on standard output: where it listens, how to connect, and when
/// the knowledge base is ready, with its counts. Logs stay at warnings by default, so these lines are not buried.
/// </summary>
public sealed class StartupBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    KnowledgeStartupService knowledge,
    KnowledgeReadiness readiness,
    string listeningNote) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Addresses are known, with the real port for ":0", once the server has started.
            await WhenStartedAsync(stoppingToken);
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
            var endpoint = (addresses.Count > 0 ? ForClients(addresses[0]) : BotCredentialsGuard.DefaultUrl) + "/api/messages";
            Console.WriteLine($"ChatAnalyst bot listening on {string.Join(", ", addresses)}");
            if (listeningNote.Length > 0)
            {
                Console.WriteLine(listeningNote);
            }

            Console.WriteLine($"Connect Bot Framework Emulator to {endpoint}, or the Agents Playground: agentsplayground -e {endpoint} -c msteams");
            if (knowledge.ExecuteTask is { } loading)
            {
                await loading.WaitAsync(stoppingToken);
            }

            Console.WriteLine(readiness.IsReady
                ? $"Knowledge base ready: {readiness.Documents} documents, {readiness.Chunks} chunks, {readiness.Observations} indicator figures. Press Ctrl+C to stop."
                : $"The knowledge base did not load ({readiness.Status}); the bot tells users so. The error is logged above.");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before start-up finished: nothing more to announce.
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    /// <summary>A wildcard address (every interface) is reached as localhost from this machine.</summary>
    private static string ForClients(string address)
    {
        foreach (var wildcard in new[] { "://0.0.0.0:", "://[::]:", "://+:", "://*:" })
        {
            address = address.Replace(wildcard, "://localhost:", StringComparison.Ordinal);
        }

        return address.TrimEnd('/');
    }
}
