using System.Collections.Concurrent;

namespace ChatAnalyst.Knowledge.Search;

/// <summary>
/// The sentence vectors of the chunks searches returned lately, so that a passage found again is not read from the
/// index again (one SQLite query per search, 0.15 ms for six chunks of the sample knowledge base). A
/// <see cref="DenseSnapshot"/> holds one, so a reload after ingestion starts it empty. It keeps at most
/// <see cref="Capacity"/> chunks (about 12 KB each at eight sentences) and is emptied when full.
/// </summary>
internal sealed class SentenceVectorCache(int capacity = SentenceVectorCache.DefaultCapacity)
{
    /// <summary>Chunks kept by default: every chunk of the sample knowledge base, about 3 MB at most.</summary>
    public const int DefaultCapacity = 256;

    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => _vectors.Count;

    public bool TryGet(string chunkId, out float[] vectors) => _vectors.TryGetValue(chunkId, out vectors!);

    public void Add(string chunkId, float[] vectors)
    {
        if (_vectors.Count >= Capacity && !_vectors.ContainsKey(chunkId))
        {
            _vectors.Clear();
        }

        _vectors[chunkId] = vectors;
    }

    public void Clear() => _vectors.Clear();
}
