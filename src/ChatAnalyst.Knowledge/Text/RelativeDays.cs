using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatAnalyst.Knowledge.Text;

/// <summary>
/// Resolves the days wire news names by weekday ("the bureau said on Friday") against the article's publication date:
/// the latest such weekday on or before it. A reader months later cannot tell which Friday; the answer can.
/// </summary>
public static partial class RelativeDays
{
    /// <summary>Each weekday mention with the date it stands for.</summary>
    public static IReadOnlyList<(int Index, int Length, DateOnly Date)> Find(string sentence, DateOnly published)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return Weekday().Matches(sentence)
            .Select(m => (m.Index, m.Length, Resolve(Enum.Parse<DayOfWeek>(m.Groups["d"].Value, ignoreCase: true), published)))
            .ToList();
    }

    /// <summary>The sentence with each weekday followed by its date: "on Friday (17 January 2025)".</summary>
    public static string Annotate(string sentence, DateOnly published)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        foreach (var (index, length, date) in Find(sentence, published).Reverse())
        {
            var end = index + length;
            sentence = sentence[..end] + " (" + date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) + ")" + sentence[end..];
        }

        return sentence;
    }

    private static DateOnly Resolve(DayOfWeek day, DateOnly published) =>
        published.AddDays(-(((int)published.DayOfWeek - (int)day + 7) % 7));

    // "on Friday", not "Friday's session" or a weekday that already carries its date ("on Friday, May 3").
    [GeneratedRegex(@"\bon (?<d>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!,? (?:\d|January|February|March|April|May|June|July|August|September|October|November|December))")]
    private static partial Regex Weekday();
}
