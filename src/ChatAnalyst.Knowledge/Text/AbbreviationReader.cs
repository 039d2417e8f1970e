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
