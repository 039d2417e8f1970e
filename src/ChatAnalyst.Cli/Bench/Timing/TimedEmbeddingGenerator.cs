using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace ChatAnalyst.Cli.Bench.Timing;

/// <summary>The configured embedding generator, its time added to the <see cref="StageClock"/>; metadata passes through.</summary>
internal sealed class TimedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, StageClock clock)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    /// <inheritdoc/>
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await base.GenerateAsync(values, options, cancellationToken);
        }
        finally
        {
            clock.AddEmbedding(started);
        }
    }
}
