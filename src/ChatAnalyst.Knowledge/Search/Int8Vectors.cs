using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ChatAnalyst.Knowledge.Search;

/// <summary>
/// Vectors kept as signed bytes with one scale each (symmetric quantisation: the largest component maps to ±127), a
/// quarter of float32's memory. Only the stored side is quantised: a float query is multiplied by the bytes and the
/// sum by the scale, so a cosine is off by about 1e-3 at 384 dimensions.
/// </summary>
internal static class Int8Vectors
{
    private const float Levels = 127f;

    /// <summary>Writes <paramref name="source"/> as bytes into <paramref name="target"/> and returns the scale to multiply them by.</summary>
    public static float Quantize(ReadOnlySpan<float> source, Span<sbyte> target)
    {
        if (target.Length != source.Length)
        {
            throw new ArgumentException("The target must be as long as the source.", nameof(target));
        }

        var largest = source.IsEmpty ? 0 : MathF.Abs(TensorPrimitives.MaxMagnitude(source));
        if (!(largest > 0) || !float.IsFinite(largest))
        {
            target.Clear();
            return 0;
        }

        var scale = largest / Levels;
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = (sbyte)Math.Clamp(MathF.Round(source[i] / scale), -Levels, Levels);
        }

        return scale;
    }

    /// <summary>The dot product of a float query with stored bytes, before the bytes' scale is applied.</summary>
    public static float Dot(ReadOnlySpan<float> query, ReadOnlySpan<sbyte> vector)
    {
        if (query.Length != vector.Length)
        {
            throw new ArgumentException("The vectors must have the same length.", nameof(vector));
        }

        var length = query.Length;
        var i = 0;
        var sum = 0f;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<sbyte>.Count)
        {
            ref var q = ref MemoryMarshal.GetReference(query);
            ref var v = ref MemoryMarshal.GetReference(vector);
            var total0 = Vector256<float>.Zero;
            var total1 = Vector256<float>.Zero;
            var total2 = Vector256<float>.Zero;
            var total3 = Vector256<float>.Zero;
            for (; i <= length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                var bytes = Vector256.LoadUnsafe(ref v, (nuint)i);
                var (low, high) = Vector256.Widen(bytes);
                var (a, b) = Vector256.Widen(low);
                var (c, d) = Vector256.Widen(high);
                total0 += Vector256.ConvertToSingle(a) * Vector256.LoadUnsafe(ref q, (nuint)i);
                total1 += Vector256.ConvertToSingle(b) * Vector256.LoadUnsafe(ref q, (nuint)(i + 8));
                total2 += Vector256.ConvertToSingle(c) * Vector256.LoadUnsafe(ref q, (nuint)(i + 16));
                total3 += Vector256.ConvertToSingle(d) * Vector256.LoadUnsafe(ref q, (nuint)(i + 24));
            }

            sum = Vector256.Sum(total0 + total1 + total2 + total3);
        }

        for (; i < length; i++)
        {
            sum += query[i] * vector[i];
        }

        return sum;
    }
}
