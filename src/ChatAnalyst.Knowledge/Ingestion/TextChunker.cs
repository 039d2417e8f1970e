using System.Text;
using ChatAnalyst.Knowledge.Ingestion.Decoders;
using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Knowledge.Ingestion;

/// <summary>
/// Splits a decoded document into chunks of whole sentences. Chunks aim at <see cref="DefaultTargetMin"/>–<see cref="DefaultTargetMax"/>
/// characters and never exceed <see cref="DefaultHardMax"/> unless one sentence alone is longer. Consecutive chunks of a
/// section share one sentence so a fact that straddles a boundary is still retrievable with its context.
/// Chunks never cross section boundaries: the section heading is part of what a chunk means.
/// </summary>
public sealed class TextChunker
{
    public const int DefaultTargetMin = 600;
    public const int DefaultTargetMax = 900;
    public const int DefaultHardMax = 1200;

    private readonly int _targetMin;
    private readonly int _targetMax;
    private readonly int _hardMax;

    public TextChunker()
        : this(DefaultTargetMin, DefaultTargetMax, DefaultHardMax)
    {
    }

    public TextChunker(int targetMin, int targetMax, int hardMax)
    {
        if (targetMin <= 0 || targetMin > targetMax || targetMax > hardMax)
        {
            throw new ArgumentException("Chunk sizes must satisfy 0 < targetMin <= targetMax <= hardMax.");
        }

        _targetMin = targetMin;
        _targetMax = targetMax;
        _hardMax = hardMax;
    }

    public int HardMax => _hardMax;

    // Text with no sentence punctuation at all (tables, lists of numbers) is cut at word boundaries beyond this,
    // so one run-on "sentence" cannot swallow a whole document.
    private int RunOnLimit => 2 * _hardMax;

    /// <summary>Chunks every section of the document, numbering chunks across the whole document.</summary>
    public IReadOnlyList<TextChunk> Chunk(DecodedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var chunks = new List<TextChunk>();
        foreach (var section in document.Sections)
        {
            foreach (var text in ChunkText(section.Text))
            {
                var context = string.IsNullOrWhiteSpace(section.Heading)
                    ? document.Title
                    : $"{document.Title} — {section.Heading}";
                chunks.Add(new TextChunk(chunks.Count, section.Heading, text, $"{context}: {text}", context));
            }
        }

        return chunks;
    }

    /// <summary>Chunks one run of text (paragraphs separated by line breaks).</summary>
    public IReadOnlyList<string> ChunkText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var units = new List<(string Sentence, bool NewParagraph)>();
        foreach (var paragraph in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var first = true;
            foreach (var sentence in SentenceSplitter.Split(paragraph).SelectMany(SplitRunOn))
            {
                units.Add((sentence, first));
                first = false;
            }
        }

        var chunks = new List<string>();
        var current = new List<(string Sentence, bool NewParagraph)>();
        var length = 0;
        var carried = 0;

        foreach (var unit in units)
        {
            var added = unit.Sentence.Length + (current.Count > 0 ? 1 : 0);
            var fits = current.Count == 0
                || length + added <= _targetMax
                || (length < _targetMin && length + added <= _hardMax);
            if (!fits)
            {
                chunks.Add(Join(current));
                var overlap = current[^1];

                // Carry the last sentence only when it leaves room and is not the whole previous chunk.
                var carry = current.Count > 1 && overlap.Sentence.Length + 1 + unit.Sentence.Length <= _hardMax;
                current.Clear();
                length = 0;
                carried = 0;
                if (carry)
                {
                    current.Add(overlap);
                    length = overlap.Sentence.Length;
                    carried = 1;
                }

                added = unit.Sentence.Length + (current.Count > 0 ? 1 : 0);
            }

            current.Add(unit);
            length += added;
        }

        if (current.Count > carried)
        {
            chunks.Add(Join(current));
        }

        return chunks;
    }

    private static string Join(List<(string Sentence, bool NewParagraph)> units)
    {
        var builder = new StringBuilder();
        foreach (var (sentence, newParagraph) in units)
        {
            if (builder.Length > 0)
            {
                builder.Append(newParagraph ? '\n' : ' ');
            }

            builder.Append(sentence);
        }

        return builder.ToString();
    }

    private IEnumerable<string> SplitRunOn(string sentence)
    {
        if (sentence.Length <= RunOnLimit)
        {
            yield return sentence;
            yield break;
        }

        var start = 0;
        while (sentence.Length - start > RunOnLimit)
        {
            var cut = sentence.LastIndexOf(' ', start + _targetMax, _targetMax - _targetMin);
            if (cut <= start)
            {
                cut = start + _targetMax;
            }

            yield return sentence[start..cut].Trim();
            start = cut;
        }

        yield return sentence[start..].Trim();
    }
}
