using System.Reflection;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Storage;

namespace ChatAnalyst.Tests.Knowledge;

/// <summary>
/// A search reads the sentence vectors of the passages it returns from the index only when the snapshot's cache lacks
/// them: a passage found again is scored from the cache, with the same similarities, and an ingestion (a new snapshot)
/// empties it.
/// </summary>
public sealed class SentenceVectorCacheTests
{
    [Fact]
    public async Task A_passage_found_again_is_scored_from_the_cache_until_the_index_changes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatanalyst-tests", Guid.NewGuid().ToString("N"));
        using var index = new SqliteKnowledgeIndex(new SqliteConnectionFactory(Path.Combine(folder, "kb.db")), KnowledgeWorkspace.Segmenter);
        using var kb = new KnowledgeWorkspace(index: CountingIndex.Wrap(index, out var counter));
        kb.Write("a.md", KnowledgeWorkspace.Markdown("Kelp harvest", "The Zorbonian kelp harvest reached 412 tonnes in 2024. It rose by 8% on the year."));
        kb.Write("b.md", KnowledgeWorkspace.Markdown("Mussel farms", "Mussel farms in the district produced 95 tonnes in 2024."));
        await kb.IngestAsync();

        var first = await kb.Search.SearchAsync(new("kelp harvest tonnes", Top: 2));
        var reads = counter.SentenceVectorReads;
        Assert.True(reads > 0);
        Assert.NotEmpty(first.SelectMany(p => p.Sentences));

        var again = await kb.Search.SearchAsync(new("kelp harvest tonnes", Top: 2));
        Assert.Equal(reads, counter.SentenceVectorReads);
        Assert.Equal(
            first.SelectMany(p => p.Sentences).Select(s => (s.Text, s.Similarity)),
            again.SelectMany(p => p.Sentences).Select(s => (s.Text, s.Similarity)));

        kb.Write("c.md", KnowledgeWorkspace.Markdown("Kelp exports", "Kelp exports came to 120 tonnes in 2024."));
        await kb.IngestAsync();
        await kb.Search.SearchAsync(new("kelp harvest tonnes", Top: 2));
        Assert.True(counter.SentenceVectorReads > reads, "a new snapshot starts with an empty cache");

        reads = counter.SentenceVectorReads;
        kb.Search.ClearSentenceVectorCache();
        await kb.Search.SearchAsync(new("kelp harvest tonnes", Top: 2));
        Assert.True(counter.SentenceVectorReads > reads, "an emptied cache reads from the index again");
    }

    [Fact]
    public void A_full_cache_is_emptied_before_it_takes_another_chunk()
    {
        var cache = new SentenceVectorCache(capacity: 2);
        cache.Add("a", [1f]);
        cache.Add("b", [2f]);
        cache.Add("b", [3f]);
        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("b", out var b));
        Assert.Equal([3f], b);

        cache.Add("c", [4f]);
        Assert.Equal(1, cache.Count);
        Assert.False(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("c", out var c));
        Assert.Equal([4f], c);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SentenceVectorCache(capacity: 0));
    }

    /// <summary>A SQLite index that counts its sentence-vector reads.</summary>
#pragma warning disable CA1852 // DispatchProxy derives a class from it at run time.
    internal class CountingIndex : DispatchProxy
#pragma warning restore CA1852
    {
        private IKnowledgeIndex _inner = null!;

        public int SentenceVectorReads { get; private set; }

        public static IKnowledgeIndex Wrap(IKnowledgeIndex inner, out CountingIndex counter)
        {
            var proxy = Create<IKnowledgeIndex, CountingIndex>();
            counter = (CountingIndex)(object)proxy;
            counter._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IKnowledgeIndex.GetSentenceVectorsAsync))
            {
                SentenceVectorReads++;
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }
    }
}
