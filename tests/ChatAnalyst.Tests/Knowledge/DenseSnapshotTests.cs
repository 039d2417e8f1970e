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
        // Coarse random vectors, so many rows tie on score; components of -1, 0 and 1 survive int8 quantisation exactly.
        var chunks = Enumerable.Range(0, 400).Select(i =>
        {
            var vector = Enumerable.Range(0, 8).Select(_ => (float)random.Next(-1, 2)).ToArray();
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

    [Fact]
    public void Int8_vectors_find_nearly_the_same_top_ten_as_float32_and_sentences_score_from_the_vectors_given()
    {
        // 1,000 chunks around 50 topics (a shared direction plus noise), as embeddings of news on a few subjects are;
        // queries near the topics. Float32 exact search is the reference.
        var random = new Random(5);
        var topics = Enumerable.Range(0, 50).Select(_ => Unit(Gaussian(random, 384))).ToArray();
        float[] Near(float[] topic, float noise) => Unit(topic.Zip(Gaussian(random, 384), (t, n) => t + (noise * n)).ToArray());
        var documents = new[] { Document("a.md", new DateOnly(2025, 1, 1)) };
        var chunks = Enumerable.Range(0, 1000).Select(i =>
        {
            var sentences = Enumerable.Range(0, 3).SelectMany(_ => Near(topics[i % 50], 0.08f)).ToArray();
            return new EmbeddedChunk($"c{i}", "a.md", i, null, "One. Two. Three.", Near(topics[i % 50], 0.08f), sentences);
        }).ToList();
        var snapshot = new DenseSnapshot(1, documents, chunks);

        var overlaps = new List<double>();
        var worstSentence = 0.0;
        for (var q = 0; q < 100; q++)
        {
            var query = Near(topics[q % 50], 0.1f);
            var expected = chunks
                .Select(c => (c.ChunkId, Score: System.Numerics.Tensors.TensorPrimitives.Dot(query, c.Vector)))
                .OrderByDescending(c => c.Score)
                .Take(10)
                .Select(c => c.ChunkId)
                .ToHashSet();
            var found = snapshot.Search(query, KnowledgeFilter.None, 10);
            overlaps.Add(found.Count(f => expected.Contains(f.Chunk.ChunkId)) / 10.0);

            var index = snapshot.ChunkIndex[found[0].Chunk.ChunkId];
            var stored = chunks[index].SentenceVectors;
            var sentences = snapshot.Sentences(index, query, stored);
            Assert.Equal(["One.", "Two.", "Three."], sentences.Select(s => s.Text));
            for (var i = 0; i < 3; i++)
            {
                var exact = System.Numerics.Tensors.TensorPrimitives.Dot(query, stored.AsSpan(i * 384, 384));
                worstSentence = Math.Max(worstSentence, Math.Abs(sentences[i].Similarity - exact));
            }

            // Vectors that do not line up with the sentences (here: one sentence short) score nothing.
            Assert.All(snapshot.Sentences(index, query, stored.AsSpan(0, 2 * 384)), s => Assert.Equal(0, s.Similarity));
        }

        Assert.True(overlaps.Average() >= 0.9, $"mean top-10 overlap {overlaps.Average():F3}");
        Assert.True(worstSentence < 1e-6, $"worst sentence similarity error {worstSentence:F4}");
    }

    [Fact]
    public void Int8_dot_products_with_an_int16_query_match_float32_at_every_length()
    {
        var random = new Random(3);
        foreach (var length in new[] { 1, 7, 31, 32, 33, 100, 384, 9000 })
        {
            var query = Gaussian(random, length);
            var vector = Gaussian(random, length);
            var bytes = new sbyte[length];
            var shorts = new short[length];
            var scale = Int8Vectors.Quantize(vector, bytes);
            var queryScale = Int8Vectors.QuantizeQuery(query, shorts);
            var exact = System.Numerics.Tensors.TensorPrimitives.Dot(query, vector);
            var integer = bytes.Select((b, i) => (long)b * shorts[i]).Sum();

            Assert.Equal(integer, Int8Vectors.Dot(shorts, bytes));
            Assert.True(Math.Abs(exact - (scale * queryScale * Int8Vectors.Dot(shorts, bytes))) < 0.02 * Math.Sqrt(length), $"length {length}");
            Assert.Equal(127, bytes.Max(b => Math.Abs((int)b)));
            Assert.Equal(16384, shorts.Max(q => Math.Abs((int)q)));
        }

        Assert.Equal(0, Int8Vectors.Quantize(new float[4], new sbyte[4]));
        Assert.Equal(0, Int8Vectors.QuantizeQuery(new float[4], new short[4]));
    }

    private static float[] Gaussian(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).ToArray();

    private static float[] Unit(float[] vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        return vector.Select(v => v / norm).ToArray();
    }

    private static StoredDocument Document(string id, DateOnly published) =>
        new(id, id, "articles", id, "https://news.example.test/" + id, null, published, [], "hash", "test-model", 1);
}
