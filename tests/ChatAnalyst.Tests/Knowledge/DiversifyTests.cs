using ChatAnalyst.Knowledge.Search;

namespace ChatAnalyst.Tests.Knowledge;

public sealed class DiversifyTests
{
    private static readonly (string, double)[] Ranked =
    [
        ("a#0", 0.9), ("a#1", 0.8), ("a#2", 0.7), ("a#3", 0.65), ("b#0", 0.6), ("b#1", 0.5), ("b#2", 0.45), ("c#0", 0.4), ("d#0", 0.3),
    ];

    private static string? DocumentOf(string chunkId) => chunkId.Split('#')[0];

    [Fact]
    public void The_best_ranked_article_may_fill_half_the_places_and_any_other_two()
    {
        var chosen = HybridKnowledgeSearch.Diversify(Ranked, DocumentOf, 6).Select(c => c.ChunkId).ToList();

        Assert.Equal(["a#0", "a#1", "a#2", "b#0", "b#1", "c#0"], chosen);
    }

    [Fact]
    public void A_short_result_keeps_two_per_article()
    {
        var chosen = HybridKnowledgeSearch.Diversify(Ranked, DocumentOf, 3).Select(c => c.ChunkId).ToList();

        Assert.Equal(["a#0", "a#1", "b#0"], chosen);
    }

    [Fact]
    public void Places_too_few_articles_fill_go_to_further_chunks_and_unindexed_chunks_are_skipped()
    {
        (string, double)[] ranked = [("a#0", 0.9), ("gone#0", 0.85), ("a#1", 0.8), ("a#2", 0.7), ("a#3", 0.6), ("b#0", 0.5)];

        var chosen = HybridKnowledgeSearch.Diversify(ranked, id => id.StartsWith("gone", StringComparison.Ordinal) ? null : DocumentOf(id), 6).Select(c => c.ChunkId).ToList();

        Assert.Equal(["a#0", "a#1", "a#2", "b#0", "a#3"], chosen);
    }
}
