using System.Text.RegularExpressions;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// Pairs the items of a "respectively" sentence with its figures by position: "A, B and C rose 3%, 5% and 7%
/// respectively" gives C the third figure. The last side named is placed by counting the items still named after it
/// (the separators before the first figure), the earlier one by counting the separators between the two sides.
/// </summary>
internal static partial class RespectivelyList
{
    /// <summary>
    /// The indexes, among <paramref name="figureIndexes"/> (positions in <paramref name="lower"/>, in order), of the
    /// figures that belong to the sides named at <paramref name="first"/> and <paramref name="second"/>; null when the
    /// sentence does not read as such a list.
    /// </summary>
    public static (int First, int Second)? Pair(string lower, int first, int second, IReadOnlyList<int> figureIndexes)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(figureIndexes);
        var at = lower.IndexOf("respectively", StringComparison.Ordinal);
        var (early, late) = first < second ? (first, second) : (second, first);
        if (at < 0 || figureIndexes.Any(f => f > early && f < late))
        {
            return null;
        }

        // The list's figures: those after the later name, before "respectively" when it follows them.
        var after = figureIndexes.Select((f, i) => (f, i)).Where(x => x.f > late).ToList();
        var before = after.Where(x => x.f < at).ToList();
        var listed = before.Count >= 2 ? before : after;
        if (listed.Count < 2)
        {
            return null;
        }

        // Items named after the later side push it forward; a comma that opens a clause ("B, whose output rose") is no
        // item, so when counting them leaves no room for the earlier side the later one is taken as the last item.
        var between = Separator().Count(lower[early..late]);
        var lateItem = listed.Count - 1 - Separator().Count(lower[late..listed[0].f]);
        if (lateItem - between < 0)
        {
            lateItem = listed.Count - 1;
        }

        var earlyItem = lateItem - between;
        if (earlyItem < 0 || between == 0)
        {
            return null;
        }

        var (earlyFigure, lateFigure) = (listed[earlyItem].i, listed[lateItem].i);
        return first < second ? (earlyFigure, lateFigure) : (lateFigure, earlyFigure);
    }

    [GeneratedRegex(@",\s*(?:and\s+)?|\s+and\s+")]
    private static partial Regex Separator();
}
