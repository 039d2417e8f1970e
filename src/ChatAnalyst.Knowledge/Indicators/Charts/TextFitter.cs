using SkiaSharp;

namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>
/// Makes a text fit a width: wrapped at spaces into at most a few lines, at the largest of the allowed sizes where
/// it fits whole; when none does, the smallest size with the last line cut short by an ellipsis. Nothing it returns
/// is wider than the width asked for.
/// </summary>
internal static class TextFitter
{
    private const string Ellipsis = "…";

    /// <summary>The lines and size for <paramref name="text"/> within <paramref name="width"/> pixels.</summary>
    public static FittedText Fit(string text, float width, IReadOnlyList<float> sizes, int maxLines, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        foreach (var size in sizes)
        {
            using var font = ChartFonts.Font(size, bold);
            var lines = Wrap(text, width, font);
            if (lines.Count <= maxLines && lines.All(l => font.MeasureText(l) <= width))
            {
                return new FittedText(lines, size, bold);
            }
        }

        var smallest = sizes[^1];
        using var last = ChartFonts.Font(smallest, bold);
        var wrapped = Wrap(text, width, last);
        var kept = wrapped.Take(maxLines).ToList();
        var tail = wrapped.Count > maxLines ? kept[^1] + " " + string.Join(' ', wrapped.Skip(maxLines)) : kept[^1];
        kept[^1] = Shorten(tail, width, last, force: wrapped.Count > maxLines);
        return new FittedText(kept.Select(l => Shorten(l, width, last, force: false)).ToList(), smallest, bold);
    }

    /// <summary>Width of the widest line of <paramref name="text"/> (lines split at <c>\n</c>).</summary>
    public static float Width(string text, float size, bool bold = false)
    {
        using var font = ChartFonts.Font(size, bold);
        return text.Split('\n').Max(l => font.MeasureText(l));
    }

    /// <summary>Height of <paramref name="lines"/> lines at <paramref name="size"/>.</summary>
    public static float Height(int lines, float size)
    {
        using var font = ChartFonts.Font(size);
        return lines * font.Spacing;
    }

    /// <summary>Greedy wrapping at spaces; a single word wider than the width keeps a line of its own.</summary>
    private static List<string> Wrap(string text, float width, SKFont font)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && font.MeasureText(candidate) > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        lines.Add(line);
        return lines;
    }

    /// <summary>The line cut at a character boundary so that it and an ellipsis fit, when it is too wide (or always, with <paramref name="force"/>).</summary>
    private static string Shorten(string line, float width, SKFont font, bool force)
    {
        if (!force && font.MeasureText(line) <= width)
        {
            return line;
        }

        var cut = line.Length;
        while (cut > 0 && font.MeasureText(line[..cut].TrimEnd() + Ellipsis) > width)
        {
            cut--;
        }

        return line[..cut].TrimEnd() + Ellipsis;
    }
}
