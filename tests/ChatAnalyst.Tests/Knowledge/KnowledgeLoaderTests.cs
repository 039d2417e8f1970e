using ChatAnalyst.Knowledge;
using ChatAnalyst.Knowledge.Search;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ChatAnalyst.Tests.Knowledge;

public sealed class KnowledgeLoaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatanalyst-loader", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Loader_ingests_the_configured_sources_and_marks_the_knowledge_base_ready()
    {
        using var services = BuildServices(new Dictionary<string, string?>
        {
            ["ChatAnalyst:Knowledge:Database"] = Path.Combine(_folder, "kb.db"),
        });
        var readiness = services.GetRequiredService<KnowledgeReadiness>();
        Assert.False(readiness.IsReady);

        await services.GetRequiredService<KnowledgeLoader>().LoadAsync(default);

        var articles = Directory.GetFiles(Path.Combine(TestPaths.Knowledge, "articles"), "*.md").Length;
        Assert.True(readiness.IsReady, readiness.Status);
        Assert.Equal(articles, readiness.Documents);
        Assert.True(readiness.Chunks > readiness.Documents);
        Assert.True(readiness.Observations > 0);
        var passages = await services.GetRequiredService<IKnowledgeSearch>().SearchAsync(new SearchRequest("shipbuilding new orders", Top: 1));
        Assert.Contains("shipbuilding", passages[0].DocumentId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loader_records_a_failure_on_readiness_instead_of_throwing()
    {
        // A directory where the database file should be: opening it fails inside LoadAsync.
        Directory.CreateDirectory(_folder);
        using var services = BuildServices(new Dictionary<string, string?>
        {
            ["ChatAnalyst:Knowledge:Database"] = _folder,
        });
        var loader = services.GetRequiredService<KnowledgeLoader>();
        var readiness = services.GetRequiredService<KnowledgeReadiness>();

        await loader.LoadAsync(default);

        Assert.False(readiness.IsReady);
        Assert.StartsWith("failed:", readiness.Status, StringComparison.Ordinal);
    }

    private static ServiceProvider BuildServices(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(TestPaths.RepoRoot));

        // The seam for other embedding models: a generator registered first is kept by AddChatAnalystKnowledge.
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new FakeEmbeddingGenerator());
        services.AddChatAnalystKnowledge();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "ChatAnalyst.Tests";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
