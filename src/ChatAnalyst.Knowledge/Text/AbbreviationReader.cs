using System.Text.RegularExpressions;

namespace ChatAnalyst.Knowledge.Text;

/// <summary>
/// Abbreviations the articles define themselves: "the gadget price index (GPI)", "Ministry of Gears and Wheel
/// Technology (MGWT)". The words before the brackets whose initials spell the abbreviation, small joining words allowed between
/// them, are its long form. Learned from the knowledge base, so a question that writes one form finds an article that
/// writes the other, for any abbreviation an article defines, without a word list.
/// </summary>
public static partial class AbbreviationReader
{
    private static readonly HashSet<string> Joiners = new(StringComparer.OrdinalIgnoreCase) { "of", "and", "&", "for", "the", "on", "in", "to" };

    /// <summary>Each abbreviation the text defines, lower-case, with its long form, lower-case.</summary>
    public static IEnumerable<(string Abbreviation, string LongForm)> Definitions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Most chunks define nothing: an upper-case letter in brackets is rare, so the pattern runs only where there is one.
        if (!text.Contains('(', StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (Match m in Defined().Matches(text))
        {
            var abbreviation = m.Groups["abbr"].Value;
            var letters = abbreviation.Where(char.IsUpper).ToArray();
            if (letters.Length < 2 || LongForm(text[Math.Max(0, m.Index - 160)..m.Index], letters) is not { } longForm)
            {
                continue;
            }

            yield return (abbreviation.ToLowerInvariant(), longForm.ToLowerInvariant());
        }
    }

    /// <summary>
    /// The capitalised words of the text that spell out an abbreviation, each giving it the first letters of its own
    /// ("Ministry of Gears and Wheel Technology" for "mgwt", "Ministry OF GEARs" for "mofgear"; "of", "and", "&amp;",
    /// "for", "the", "on", "in" may give letters or none), at least two of them; or null.
    /// </summary>
    public static string? SpelledOut(string text, string abbreviation)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(abbreviation);
        if (abbreviation.Length < 2)
        {
            return null;
        }

        var first = char.ToUpperInvariant(abbreviation[0]);
        var lower = abbreviation.ToLowerInvariant();
        for (var at = text.IndexOf(first); at >= 0; at = text.IndexOf(first, at + 1))
        {
            if (at > 0 && char.IsLetterOrDigit(text[at - 1]))
            {
                continue;
            }

            var words = PhraseAt(text, at, abbreviation.Length + 4);
            if (words.Count >= 2 && Spells(lower, 0, words, 0, 0) is { } used)
            {
                var end = at;
                foreach (var word in words.Take(used))
                {
                    end = text.IndexOf(word, end, StringComparison.Ordinal) + word.Length;
                }

                return text[at..end];
            }
        }

        return null;
    }

    /// <summary>The words from <paramref name="at"/> on that only spaces part (letters, or "&amp;"), at most <paramref name="max"/>.</summary>
    private static List<string> PhraseAt(string text, int at, int max)
    {
        var words = new List<string>(max);
        var i = at;
        while (words.Count < max && i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiLetter(text[i]) || (i == start && text[i] == '&')))
            {
                i++;
                if (text[start] == '&')
                {
                    break;
                }
            }

            if (i == start)
            {
                break;
            }

            words.Add(text[start..i]);
            if (i >= text.Length || text[i] != ' ')
            {
                break;
            }

            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }
        }

        return words;
    }

    /// <summary>How many words spell <paramref name="abbreviation"/> from <paramref name="i"/> on, or null.</summary>
    private static int? Spells(string abbreviation, int i, List<string> words, int w, int contributed)
    {
        if (i == abbreviation.Length)
        {
            return contributed >= 2 ? w : null;
        }

        if (w == words.Count)
        {
            return null;
        }

        var word = words[w];
        var joiner = Joiners.Contains(word);
        if (!joiner && !char.IsUpper(word[0]))
        {
            return null;
        }

        for (var k = Math.Min(word.Length, abbreviation.Length - i); k >= 1; k--)
        {
            if (string.Compare(word, 0, abbreviation, i, k, StringComparison.OrdinalIgnoreCase) == 0
                && Spells(abbreviation, i + k, words, w + 1, contributed + 1) is { } used)
            {
                return used;
            }
        }

        return joiner && i > 0 ? Spells(abbreviation, i, words, w + 1, contributed) : null;
    }

    /// <summary>The words ending <paramref name="before"/> whose initials are <paramref name="letters"/>, or null.</summary>
    private static string? LongForm(string before, char[] letters)
    {
        var words = Word().Matches(before).TakeLast(letters.Length * 2 + 2).Select(w => w.Value).ToArray();
        var next = letters.Length - 1;
        var start = words.Length;
        for (var i = words.Length - 1; i >= 0 && next >= 0; i--)
        {
            if (Joiners.Contains(words[i]) && next < letters.Length - 1)
            {
                continue;
            }

            if (char.ToUpperInvariant(words[i][0]) != letters[next])
            {
                return null;
            }

            next--;
            start = i;
        }

        return next < 0 ? string.Join(' ', words[start..]) : null;
    }

    // "(GPI)", "(MGWT)": two to six letters, at least two of them capitals, alone in brackets.
    [GeneratedRegex(@"\((?<abbr>[A-Z][A-Za-z&]{1,5})\)")]
    private static partial Regex Defined();

    [GeneratedRegex(@"[A-Za-z][\w'-]*|&")]
    private static partial Regex Word();

}
