namespace ChatAnalyst.Knowledge.Search;

/// <summary>
/// A growing table of int8 vectors of one length, with one scale each (<see cref="Int8Vectors"/>). Rows are kept in
/// blocks of about 256 KB, so the table grows row by row without ever copying what it holds (a doubling array would
/// briefly need three times the final size while a large index loads).
/// </summary>
internal sealed class Int8Rows
{
    private const int BlockBytes = 256 * 1024;

    private readonly List<sbyte[]> _blocks = [];
    private readonly List<float> _scales = [];
    private readonly int _rowsPerBlock;

    public Int8Rows(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        Dimensions = dimensions;
        _rowsPerBlock = Math.Max(1, BlockBytes / dimensions);
    }

    public int Dimensions { get; }

    public int Count => _scales.Count;

    /// <summary>Quantises <paramref name="vector"/> into a new row.</summary>
    public void Add(ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"A row has {Dimensions} dimensions, not {vector.Length}.", nameof(vector));
        }

        var offset = Count % _rowsPerBlock;
        if (offset == 0)
        {
            _blocks.Add(new sbyte[_rowsPerBlock * Dimensions]);
        }

        _scales.Add(Int8Vectors.Quantize(vector, _blocks[^1].AsSpan(offset * Dimensions, Dimensions)));
    }

    /// <summary>
    /// The cosine of a normalised query with row <paramref name="row"/>, the query given as int16 with its scale
    /// (<see cref="Int8Vectors.QuantizeQuery"/>).
    /// </summary>
    public float Dot(int row, ReadOnlySpan<short> query, float queryScale) =>
        _scales[row] * queryScale * Int8Vectors.Dot(query, _blocks[row / _rowsPerBlock].AsSpan(row % _rowsPerBlock * Dimensions, Dimensions));

    /// <summary>Gives back the unused capacity of the scale list once every row is in.</summary>
    public void Trim() => _scales.TrimExcess();
}
