using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Tests.Knowledge;

public sealed class WordIndexTests
{
    [Theory]
    [InlineData("software", "software", 0)]
    [InlineData("sofware", "software", 1)]
    [InlineData("manufactring", "manufacturing", 1)]
    [InlineData("revnue", "revenue", 1)]
    [InlineData("reveune", "revenue", 1)] // adjacent transposition counts once
    [InlineData("statoins", "stations", 1)]
    [InlineData("abcd", "wxyz", 4)]
    public void Edit_distance_counts_insertions_deletions_substitutions_and_transpositions(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Compute(a, b, limit: 5));
        Assert.Equal(expected, EditDistance.Compute(b, a, limit: 5));
    }

    [Fact]
    public void Edit_distance_stops_above_the_limit_and_handles_long_words()
    {
        Assert.True(EditDistance.Compute("semiconductor", "solar", limit: 2) > 2);
        Assert.True(EditDistance.Compute("abcdefgh", "zzzzzzzz", limit: 1) > 1);
        var longWord = new string('a', 100);
        Assert.Equal(1, EditDistance.Compute(longWord, longWord[..^1] + "b", limit: 2));
    }

    [Fact]
    public void Finds_words_within_a_distance_and_words_extending_a_prefix()
    {
        var index = new WordIndex(["software", "hardware", "revenue", "semiconductor", "semiconductors", "semi", "solar"]);

        Assert.Equal(["software"], index.WithinDistance("sofware", 1));
        Assert.Empty(index.WithinDistance("sftwr", 1));
        Assert.Equal(["semiconductor", "semiconductors"], index.StartingWith("semiconductor").Order(StringComparer.Ordinal));
        Assert.Equal(["semi", "semiconductor", "semiconductors"], index.StartingWith("semi").Order(StringComparer.Ordinal));
        Assert.Empty(index.StartingWith("wind"));
        Assert.True(index.Contains("solar"));
        Assert.Equal(7, index.Count);
    }
}
