using ChatAnalyst.Knowledge.Ingestion;
using ChatAnalyst.Knowledge.Ingestion.Decoders;
using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Tests.Knowledge;

public sealed class TextChunkerTests
{
    private static readonly string[] Subjects = ["Output", "Exports", "Revenue", "Investment", "Capacity", "Employment", "Prices", "Orders"];

    [Fact]
    public void Sentence_splitter_keeps_decimals_abbreviations_and_initials_inside_sentences()
    {
        var sentences = SentenceSplitter.Split(
            "Value added rose 9.2% in Jan. 2025 in the U.S. and China. Dr. Li said so! Was it 3.5 p.c.? Yes.").ToList();

        Assert.Equal(
            ["Value added rose 9.2% in Jan. 2025 in the U.S. and China.", "Dr. Li said so!", "Was it 3.5 p.c.?", "Yes."],
            sentences);
    }

    [Fact]
    public void Sentence_splitter_splits_chinese_sentences()
    {
        var sentences = SentenceSplitter.Split("高技术制造业增加值增长9.2%。装备制造业增长9.3%！这是预测吗？是的").ToList();

        Assert.Equal(["高技术制造业增加值增长9.2%。", "装备制造业增长9.3%！", "这是预测吗？", "是的"], sentences);
    }

    [Fact]
    public void Chunker_keeps_sentences_whole()
    {
        var sentences = GeneratedSentences(120, seed: 1);
        var chunks = new TextChunker().ChunkText(string.Join(" ", sentences));

        foreach (var chunk in chunks)
        {
            // Every chunk is a concatenation of whole sentences: it starts where a sentence starts and ends where one ends.
            Assert.Contains(sentences, s => chunk.StartsWith(s, StringComparison.Ordinal));
            Assert.Contains(sentences, s => chunk.EndsWith(s, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Chunker_loses_no_sentence()
    {
        var sentences = GeneratedSentences(200, seed: 2);
        var paragraphs = sentences.Chunk(7).Select(p => string.Join(" ", p));
        var chunks = new TextChunker().ChunkText(string.Join("\n", paragraphs));

        foreach (var sentence in sentences)
        {
            Assert.Contains(chunks, c => c.Contains(sentence, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Chunker_bounds_chunk_size_and_overlaps_by_one_sentence()
    {
        var sentences = GeneratedSentences(300, seed: 3);
        var chunks = new TextChunker().ChunkText(string.Join(" ", sentences));

        Assert.True(chunks.Count > 10);
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, TextChunker.DefaultHardMax));

        // All but the last chunk reach the target window's lower end, so chunks are not needlessly small.
        Assert.All(chunks.SkipLast(1), c => Assert.True(c.Length >= TextChunker.DefaultTargetMin, $"chunk of {c.Length} chars"));
        for (var i = 1; i < chunks.Count; i++)
        {
            var lastSentenceOfPrevious = sentences.Last(s => chunks[i - 1].EndsWith(s, StringComparison.Ordinal));
            Assert.StartsWith(lastSentenceOfPrevious, chunks[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Chunker_keeps_a_sentence_longer_than_the_maximum_whole_in_its_own_chunk()
    {
        var longSentence = "Growth " + string.Join(" ", Enumerable.Repeat("continued across every province", 50)) + ".";
        var chunks = new TextChunker().ChunkText($"Short one. {longSentence} Short two.");

        Assert.Equal(["Short one.", longSentence, "Short two."], chunks);
    }

    [Fact]
    public void Chunks_carry_title_and_section_in_index_text_but_not_in_display_text()
    {
        var document = new DecodedDocument(
            "Widget report",
            "https://example.test",
            null,
            null,
            [],
            [new DecodedSection("Key figures", "Output rose 5%."), new DecodedSection(null, "Untitled text.")]);

        var chunks = new TextChunker().Chunk(document);

        Assert.Equal("Output rose 5%.", chunks[0].Text);
        Assert.Equal("Widget report — Key figures: Output rose 5%.", chunks[0].IndexText);
        Assert.Equal("Key figures", chunks[0].Section);
        Assert.Equal("Widget report: Untitled text.", chunks[1].IndexText);
        Assert.Equal([0, 1], chunks.Select(c => c.Ordinal));
    }

    private static List<string> GeneratedSentences(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(i =>
            {
                var words = string.Join(" ", Enumerable.Range(0, random.Next(4, 30)).Select(_ => "word" + random.Next(1000)));
                var value = (random.Next(1, 200) / 10.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
                return $"{Subjects[random.Next(Subjects.Length)]} {i} rose {value}% in Jan. 2025 per the U.S. office and {words}.";
            })
            .ToList();
    }
}
