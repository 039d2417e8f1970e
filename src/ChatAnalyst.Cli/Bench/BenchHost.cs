using ChatAnalyst.Cli.Bench.Timing;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatAnalyst.Cli.Bench;

/// <summary>
/// The CLI's host (the bot's services, no second wiring) on a database of the bench's own, with the embedding model,
/// the index's keyword query and the model's HTTP calls timed into a <see cref="StageClock"/>.
/// </summary>
internal sealed class BenchHost : IDisposable
{
    private BenchHost(IHost host, StageClock clock)
    {
        Host = host;
        Clock = clock;
    }

    public IHost Host { get; }

    public StageClock Clock { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>Builds the host on <paramref name="database"/>; <paramref name="settings"/> are "Key=Value" overrides.</summary>
    public static BenchHost Create(string database, BenchOptions options, params string[] settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = new StageClock();
        var overrides = new[] { "ChatAnalyst:Knowledge:Database=" + database, "Logging:LogLevel:Default=Warning" }
            .Concat(options.Settings)
            .Concat(settings)
            .Select(s => "--" + s)
            .ToList();
        var host = CliHost.Build(overrides, verbose: false, services =>
        {
            services.Decorate<IEmbeddingGenerator<string, Embedding<float>>>((inner, _) => new TimedEmbeddingGenerator(inner, clock));
            services.Decorate<IKnowledgeIndex>((inner, _) => KeywordTimingProxy.Wrap(inner, clock));
            services.AddHttpClient(Orchestration.Extensions.ModelHttpClient).AddHttpMessageHandler(() => new TimedModelHandler(clock));
        });
        return new BenchHost(host, clock);
    }

    /// <summary>Builds the host and loads the knowledge base (ingesting what changed) before returning.</summary>
    public static async Task<BenchHost> StartAsync(string database, BenchOptions options, CancellationToken cancellationToken, params string[] settings)
    {
        var host = Create(database, options, settings);
        try
        {
            await CliHost.EnsureKnowledgeAsync(host.Host, cancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public void Dispose()
    {
        Host.Dispose();
        // Pooled connections keep the database files open; the bench copies and deletes them.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
