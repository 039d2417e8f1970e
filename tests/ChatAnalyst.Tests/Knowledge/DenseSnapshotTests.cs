using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Storage;

namespace ChatAnalyst.Tests.Knowledge;

/// <summary>The dense ranker keeps only the best rows as it scans; its result must equal a stable sort of every score.</summary>
public sealed class DenseSnapshotTests
{
    [Fact]
    public void The_best_rows_come_back_best_first_with_ties_in_row_order_and_the_filter_applied()
    {
        var random = new Random(11);
        var documents = new[]
        {
            Document("old.md", new DateOnly(2023, 5, 1)),
            Document("new.md", new DateOnly(2025, 5, 1)),
        };
        // Coarse random vectors, so many rows tie on score.
        var chunks = Enumerable.Range(0, 400).Select(i =>
        {
            var vector = Enumerable.Range(0, 8).Select(_ => (float)random.Next(0, 3)).ToArray();
            return new EmbeddedChunk($"c{i}", i % 2 == 0 ? "old.md" : "new.md", i, null, $"chunk {i}", vector);
        }).ToList();
        var snapshot = new DenseSnapshot(1, documents, chunks);
        var query = new float[] { 1, 0, 2, 0, 1, 1, 0, 2 };

        foreach (var (filter, limit) in new[] { (KnowledgeFilter.None, 7), (KnowledgeFilter.None, 1), (new KnowledgeFilter(From: new DateOnly(2024, 1, 1)), 12) })
        {
            var expected = chunks
                .Where(c => filter.IsEmpty || c.DocumentId == "new.md")
                .Select(c => (c.ChunkId, Score: query.Zip(c.Vector!, (a, b) => a * b).Sum()))
                .OrderByDescending(c => c.Score)
                .Take(limit)
                .Select(c => c.ChunkId)
                .ToList();

            var actual = snapshot.Search(query, filter, limit).Select(r => r.Chunk.ChunkId).ToList();

            Assert.Equal(expected, actual);
        }
    }

    private static StoredDocument Document(string id, DateOnly published) =>
        new(id, id, "articles", id, "https://news.example.test/" + id, null, published, [], "hash", "test-model", 1);
}
