namespace ChatAnalyst.Knowledge.Text;

/// <summary>Edit distance for typo-tolerant matching of query words against known words.</summary>
public static class EditDistance
{
    // Words longer than this are measured with heap rows; everything in a question fits on the stack.
    private const int StackLimit = 64;

    /// <summary>
    /// Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), stopped early once every
    /// alignment is past <paramref name="limit"/> (the result is then some value above the limit): used to read typos
    /// such as "manufactring" or "sofware". Keeps three rows rather than the whole table and allocates nothing for
    /// words of up to 64 characters, because it runs for every vocabulary word of about the right length.
    /// </summary>
    public static int Compute(string a, string b, int limit)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var width = b.Length + 1;
        Span<int> rows = width <= StackLimit + 1 ? stackalloc int[width * 3] : new int[width * 3];
        var beforePrevious = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j < width; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, beforePrevious[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            var recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }
}
