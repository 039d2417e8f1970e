using Microsoft.Extensions.AI;

namespace ChatAnalyst.Knowledge.Embeddings;

/// <summary>Identifies the model behind an embedding generator, as recorded next to every stored vector.</summary>
internal static class EmbeddingModel
{
    public static string IdOf(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        return metadata?.DefaultModelId ?? metadata?.ProviderName ?? generator.GetType().FullName ?? "unknown";
    }
}
