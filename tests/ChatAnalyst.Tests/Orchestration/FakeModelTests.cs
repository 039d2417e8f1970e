using ChatAnalyst.Tests.Knowledge;

namespace ChatAnalyst.Tests.Orchestration;

/// <summary>
/// Shared set-up of the tests that play the model with a <see cref="FakeOpenAiServer"/>: a fresh server per test and
/// the orchestrator on the sample knowledge base pointed at it.
/// </summary>
public abstract class FakeModelTests(MiniLmFixture miniLm, KnowledgeDatabaseFixture database) : IAsyncLifetime
{
    protected const string Question = "How many 5G base stations does China have?";
    protected const string Search = "KnowledgeBase-search_articles";
    protected const string Grounded = "China had 4.25 million 5G base stations, per MIIT data released in January 2025 [1].";

    protected FakeOpenAiServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The orchestrator talking to <see cref="Server"/>, or offline when <paramref name="offline"/> is set.</summary>
    internal Task<LlmPathHost> StartHostAsync(bool offline = false, params (string Key, string Value)[] settings) =>
        LlmPathHost.StartAsync(miniLm.Generator, database.Database, offline ? null : Server, settings);
}
