using System.Numerics.Tensors;
using ChatAnalyst.Knowledge.Embeddings;
using Microsoft.Extensions.AI;

namespace ChatAnalyst.Tests.Knowledge;

[Collection(MiniLmCollectionDefinition.Name)]
public sealed class MiniLmEmbeddingGeneratorTests(MiniLmFixture fixture)
{
    [Fact]
    public async Task Vectors_are_normalised_384_dimensional_and_closer_for_related_texts()
    {
        var embeddings = await fixture.Generator.GenerateAsync(
            ["China built 4.25 million 5G base stations.", "Number of 5G towers in China", "Rainfall in the northern valleys"]);

        Assert.All(embeddings, e => Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, e.Vector.Length));
        Assert.All(embeddings, e => Assert.Equal(1.0, TensorPrimitives.Norm(e.Vector.Span), 3));
        var related = TensorPrimitives.Dot(embeddings[0].Vector.Span, embeddings[1].Vector.Span);
        var unrelated = TensorPrimitives.Dot(embeddings[0].Vector.Span, embeddings[2].Vector.Span);
        Assert.True(related > unrelated + 0.2, $"related {related:F3}, unrelated {unrelated:F3}");
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, fixture.Generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
    }

    [Fact]
    public async Task Concurrent_callers_get_the_same_vectors_as_a_single_caller()
    {
        const string text = "Shipbuilding completions reached 48.18 million tons.";
        var expected = (await fixture.Generator.GenerateAsync([text]))[0].Vector.ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => fixture.Generator.GenerateAsync([text, "other text"]))));

        Assert.All(results, r => Assert.Equal(expected, r[0].Vector.ToArray(), (a, b) => Math.Abs(a - b) < 1e-5));
    }
}
