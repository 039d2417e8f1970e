namespace ChatAnalyst.Knowledge.Text;

/// <summary>
/// Splits a paragraph into sentences at English <c>. ? !</c> and Chinese <c>。！？</c>. A period does not end a
/// sentence inside a number (9.2), after a known abbreviation (Jan., Dr., e.g.) or after initials (U.S.).
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun",
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "gov", "sen", "rep", "rev", "hon",
        "inc", "ltd", "co", "corp", "plc", "dept", "univ", "approx", "vs", "no", "nos", "fig", "figs", "vol", "al", "cf",
    };

    private const string ChineseTerminators = "。！？";
    private const string Closers = "\"'’”)]）」』》";

    /// <summary>
    /// The sentences of a text whose paragraphs are separated by line breaks, in order. Ingestion embeds exactly these
    /// sentences of each chunk, and search aligns the stored vectors with them, so both must split the same way.
    /// </summary>
    public static IReadOnlyList<string> SplitText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SelectMany(Split).ToList();
    }

    /// <summary>The sentences of one paragraph, in order.</summary>
    public static IEnumerable<string> Split(string paragraph)
    {
        ArgumentNullException.ThrowIfNull(paragraph);
        var start = 0;
        var i = 0;
        while (i < paragraph.Length)
        {
            var c = paragraph[i];
            if (ChineseTerminators.Contains(c, StringComparison.Ordinal))
            {
                var end = SkipClosers(paragraph, i + 1);
                var sentence = paragraph[start..end].Trim();
                if (sentence.Length > 0)
                {
                    yield return sentence;
                }

                start = i = end;
                continue;
            }

            if (c is '.' or '?' or '!')
            {
                var end = i + 1;
                while (end < paragraph.Length && paragraph[end] is '.' or '?' or '!')
                {
                    end++;
                }

                end = SkipClosers(paragraph, end);
                if (IsBoundary(paragraph, start, i, end))
                {
                    var sentence = paragraph[start..end].Trim();
                    if (sentence.Length > 0)
                    {
                        yield return sentence;
                    }

                    start = end;
                }

                i = end;
                continue;
            }

            i++;
        }

        var rest = paragraph[start..].Trim();
        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    private static int SkipClosers(string text, int index)
    {
        while (index < text.Length && Closers.Contains(text[index], StringComparison.Ordinal))
        {
            index++;
        }

        return index;
    }

    private static bool IsBoundary(string text, int sentenceStart, int terminator, int end)
    {
        if (end >= text.Length)
        {
            return true;
        }

        // "9.2", "example.com", "3.5%": no space after the mark, so not an end of sentence.
        if (!char.IsWhiteSpace(text[end]))
        {
            return false;
        }

        var next = end;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        if (next < text.Length && char.IsLower(text[next]))
        {
            // "approx. five", "the U.S. economy": a lower-case continuation means the period was not a full stop.
            return false;
        }

        if (text[terminator] != '.' || end - terminator > 1)
        {
            return true;
        }

        var wordStart = terminator;
        while (wordStart > sentenceStart && (char.IsLetterOrDigit(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text[wordStart..terminator];
        if (word.Length == 0)
        {
            return true;
        }

        // Initials and dotted abbreviations: "U.S", "e.g", "J".
        if (word.Contains('.', StringComparison.Ordinal) || (word.Length == 1 && char.IsUpper(word[0])))
        {
            return false;
        }

        if (Abbreviations.Contains(word))
        {
            return false;
        }

        // A list number at the start of a paragraph ("1. First point").
        return !(wordStart == sentenceStart && word.All(char.IsDigit) && text[sentenceStart..wordStart].Trim().Length == 0);
    }
}
