using ChatAnalyst.Knowledge.Search;

namespace ChatAnalyst.Tests.Knowledge;

public sealed class QueryAnalyzerTests
{
    private static readonly QueryAnalyzer Analyzer = new(new ChineseSegmenter(), new BilingualGlossary(Array.Empty<KeyValuePair<string, string>>()));

    [Fact]
    public void A_misspelt_word_is_corrected_in_the_text_to_embed_as_well_as_in_the_keyword_terms()
    {
        var vocabulary = new Dictionary<string, int> { ["software"] = 12, ["revenue"] = 9, ["growth"] = 30 };

        var analyzed = Analyzer.Analyze("Softwre revnue growth in 2024", vocabulary);

        Assert.Contains("software", analyzed.KeywordTerms);
        Assert.Equal("software revenue growth in 2024", analyzed.DenseText);
    }

    [Fact]
    public void A_query_without_typos_is_embedded_as_asked()
    {
        var vocabulary = new Dictionary<string, int> { ["software"] = 12, ["revenue"] = 9 };

        var analyzed = Analyzer.Analyze("Software revenue in 2024?", vocabulary);

        Assert.Empty(analyzed.Corrections);
        Assert.Equal("Software revenue in 2024?", analyzed.DenseText);
    }

    [Theory]
    [InlineData("capcity", "capacity", true)]
    [InlineData("registerd", "registered", true)]
    [InlineData("reprot", "report", true)]
    [InlineData("rain", "main", false)]
    [InlineData("compare", "company", false)]
    [InlineData("grow", "grew", false)]
    [InlineData("phones", "phone", false)]
    [InlineData("describe", "described", false)]
    public void Only_slips_of_the_keys_count_as_typos_for_the_embedding(string typed, string word, bool slip) =>
        Assert.Equal(slip, QueryAnalyzer.IsSlip(typed, word));

    [Fact]
    public void A_real_word_near_an_indexed_word_is_embedded_as_typed()
    {
        var vocabulary = new Dictionary<string, int> { ["main"] = 5, ["city"] = 3 };

        var analyzed = Analyzer.Analyze("Is it going to rain in the city?", vocabulary);

        Assert.Equal("Is it going to rain in the city?", analyzed.DenseText);
    }
}
