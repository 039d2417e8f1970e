using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Knowledge.Search;

/// <summary>
/// Neighbouring chunks of an article share a sentence (the chunker carries the last sentence of one chunk into the
/// next to keep context). When a result holds both, the shared sentence should be read once.
/// </summary>
public static class PassageOverlap
{
    /// <summary>
    /// The passages with every sentence that a better-ranked passage of the same article already holds left out;
    /// a passage with nothing left is dropped. Line breaks between paragraphs are kept.
    /// </summary>
    public static IReadOnlyList<Passage> WithoutRepeatedSentences(IReadOnlyList<Passage> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var shown = new HashSet<(string Document, string Sentence)>();
        var result = new List<Passage>(passages.Count);
        foreach (var passage in passages)
        {
            var repeated = false;
            var lines = new List<string>();
            foreach (var line in passage.Text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var sentences = SentenceSplitter.Split(line).ToList();
                var kept = sentences.Where(s => shown.Add((passage.DocumentId, s.Trim()))).ToList();
                repeated |= kept.Count < sentences.Count;
                if (kept.Count > 0)
                {
                    lines.Add(kept.Count == sentences.Count ? line : string.Join(' ', kept));
                }
            }

            if (lines.Count > 0)
            {
                result.Add(repeated ? passage with { Text = string.Join('\n', lines) } : passage);
            }
        }

        return result;
    }
}
