using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ChatAnalyst.Knowledge.Search;

/// <summary>
/// Vectors kept as signed bytes with one scale each (symmetric quantisation: the largest component maps to ±127), a
/// quarter of float32's memory. A query is quantised to int16 for the scan (<see cref="QuantizeQuery"/>), so a cosine
/// is off by about 1e-3 at 384 dimensions, nearly all of it from the stored bytes.
/// </summary>
internal static class Int8Vectors
{
    private const float Levels = 127f;
    private const float QueryLevels = 16384f;

    /// <summary>Writes <paramref name="source"/> as bytes into <paramref name="target"/> and returns the scale to multiply them by.</summary>
    public static float Quantize(ReadOnlySpan<float> source, Span<sbyte> target)
    {
        var scale = ScaleFor(source, target.Length, Levels);
        if (scale == 0)
        {
            target.Clear();
            return 0;
        }

        for (var i = 0; i < source.Length; i++)
        {
            target[i] = (sbyte)Math.Clamp(MathF.Round(source[i] / scale), -Levels, Levels);
        }

        return scale;
    }

    /// <summary>
    /// Writes a float query as int16 into <paramref name="target"/> (the largest component maps to ±16384, a power of
    /// two, so small integer ratios stay exact) and returns the scale to multiply them by. Its error, about 3e-5 of the
    /// largest component, is far below the stored bytes' own.
    /// </summary>
    public static float QuantizeQuery(ReadOnlySpan<float> source, Span<short> target)
    {
        var scale = ScaleFor(source, target.Length, QueryLevels);
        if (scale == 0)
        {
            target.Clear();
            return 0;
        }

        for (var i = 0; i < source.Length; i++)
        {
            target[i] = (short)Math.Clamp(MathF.Round(source[i] / scale), -QueryLevels, QueryLevels);
        }

        return scale;
    }

    /// <summary>The step between levels when the largest component maps to ±<paramref name="levels"/>; 0 for a zero or non-finite vector.</summary>
    private static float ScaleFor(ReadOnlySpan<float> source, int targetLength, float levels)
    {
        if (targetLength != source.Length)
        {
            throw new ArgumentException("The target must be as long as the source.", nameof(targetLength));
        }

        var largest = source.IsEmpty ? 0 : MathF.Abs(TensorPrimitives.MaxMagnitude(source));
        return largest > 0 && float.IsFinite(largest) ? largest / levels : 0;
    }

    /// <summary>
    /// The dot product of an int16 query (<see cref="QuantizeQuery"/>) with stored bytes, before either scale: integer
    /// multiply-adds, a third of the instructions of widening the bytes to floats.
    /// </summary>
    public static long Dot(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> vector)
    {
        if (query.Length != vector.Length)
        {
            throw new ArgumentException("The vectors must have the same length.", nameof(vector));
        }

        var length = query.Length;
        var i = 0;
        long sum = 0;

        // Each int lane adds length / 8 products of at most 16384 × 127: no overflow up to 8,192 dimensions.
        if (Avx2.IsSupported && length >= Vector256<sbyte>.Count && length <= 8192)
        {
            ref var q = ref MemoryMarshal.GetReference(query);
            ref var v = ref MemoryMarshal.GetReference(vector);
            var total = Vector256<int>.Zero;
            for (; i <= length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref v, (nuint)i));
                total += Avx2.MultiplyAddAdjacent(low, Vector256.LoadUnsafe(ref q, (nuint)i));
                total += Avx2.MultiplyAddAdjacent(high, Vector256.LoadUnsafe(ref q, (nuint)(i + Vector256<short>.Count)));
            }

            var (lower, upper) = Vector256.Widen(total);
            sum = Vector256.Sum(lower + upper);
        }

        for (; i < length; i++)
        {
            sum += query[i] * vector[i];
        }

        return sum;
    }
}
