using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace ChatAnalyst.Tests.Knowledge;

/// <summary>
/// Deterministic stand-in for an embedding model: a bag of hashed words, normalised. Good enough for tests that
/// exercise ingestion bookkeeping, and fast; its model id is configurable to simulate a model change.
/// </summary>
internal sealed class FakeEmbeddingGenerator(string modelId = "fake-bag-of-words", int dimensions = 64) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Calls { get; private set; }

    public int Texts { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        Calls++;
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            Texts++;
            var vector = new float[dimensions];
            foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var hash = SHA256.HashData(Encoding.UTF8.GetBytes(word));
                vector[BitConverter.ToUInt16(hash, 0) % dimensions] += 1;
            }

            var norm = MathF.Sqrt(vector.Sum(v => v * v));
            result.Add(new Embedding<float>(vector.Select(v => norm == 0 ? 0 : v / norm).ToArray()) { ModelId = modelId });
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("fake", null, modelId, dimensions) : null;

    public void Dispose()
    {
    }
}
