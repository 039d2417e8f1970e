using ChatAnalyst.Knowledge.Embeddings;

namespace ChatAnalyst.Tests.Knowledge;

/// <summary>One real MiniLM generator for every test that needs real embeddings: loading the model takes a while.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmEmbeddingGenerator Generator { get; } = new();

    public void Dispose() => Generator.Dispose();
}
