using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatAnalyst.Knowledge.Text;

/// <summary>
/// Reads a misspelt month name in front of a year ("agust 2013", "januray 2016", "marh 2021") as the month it means,
/// so that a hurried question asks for the month, not the whole year. Only a word directly before a year is read this
/// way, and only within one edit of a month name of five letters or more (two for names of eight letters or more) with
/// the same first letter: a year next to it is what makes the word a date rather than a name or another word, and the
/// four-letter months are left out because too many words lie one letter from them ("junk", "jury").
/// </summary>
public static partial class MonthSpelling
{
    private static readonly string[] Names = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.Where(n => n.Length > 0).ToArray();

    /// <summary>The months a misspelling is read as, lower-case: those of five letters or more.</summary>
    private static readonly (string Name, string Lower)[] Readable = Names.Where(n => n.Length >= 5).Select(n => (n, n.ToLowerInvariant())).ToArray();

    /// <summary>The text with each misspelt month name before a year written as the month's name.</summary>
    public static string Fix(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WordBeforeYear().Replace(text, m => Month(m.Groups["w"].Value) is { } month ? month + m.Groups["rest"].Value : m.Value);
    }

    /// <summary>The month a word misspells, or null when it is a month name or abbreviation already, or none.</summary>
    public static string? Month(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        // A month name, or its start ("Sept", "Augu"), is no misspelling.
        if (word.Length < 4 || Names.Any(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var lower = word.ToLowerInvariant();
        foreach (var (name, month) in Readable)
        {
            var limit = name.Length >= 8 ? 2 : 1;
            if (month[0] == lower[0] && EditDistance.Compute(lower, month, limit) <= limit)
            {
                return name;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b(?<w>[A-Za-z]{4,10})(?<rest>,?\s+(?:19|20)\d\d)\b")]
    private static partial Regex WordBeforeYear();
}
