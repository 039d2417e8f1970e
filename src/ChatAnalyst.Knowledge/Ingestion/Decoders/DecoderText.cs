using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatAnalyst.Knowledge.Ingestion.Decoders;

/// <summary>Small helpers shared by the decoders.</summary>
internal static partial class DecoderText
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy/M/d", "yyyy.MM.dd", "yyyyMMdd", "d MMMM yyyy", "MMMM d, yyyy", "MMM d, yyyy",
    ];

    public static string FileUri(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    public static string TitleFromFileName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var words = NonWordSeparators().Replace(name, " ").Trim();
        return words.Length == 0 ? name : words;
    }

    /// <summary>
    /// Parses a publication date. Accepts ISO dates and ISO timestamps (the date part is taken as written,
    /// because the publisher's local date is what a reader would cite).
    /// </summary>
    public static DateOnly? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        var iso = IsoDatePrefix().Match(text);
        if (iso.Success &&
            DateOnly.TryParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var isoDate))
        {
            return isoDate;
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            return date;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp)
            ? DateOnly.FromDateTime(timestamp.Date)
            : null;
    }

    /// <summary>
    /// The publication date a news address carries in its path, as many publishers write it ("/2021-09/17/",
    /// "/201511/11/", "/2013/08/05/"), or null. Only a whole date counts: a month alone would date the article's
    /// weekdays wrongly.
    /// </summary>
    public static DateOnly? DateFromUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            return null;
        }

        var m = UrlDate().Match(uri.AbsolutePath);
        return m.Success
            && int.TryParse(m.Groups["y"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(m.Groups["m"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var mo)
            && int.TryParse(m.Groups["d"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo)
            ? new DateOnly(y, mo, d)
            : null;
    }

    /// <summary>Collapses runs of spaces and tabs and drops blank lines, keeping one line per paragraph.</summary>
    public static string NormalizeLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        return string.Join('\n', lines
            .Select(line => Whitespace().Replace(line, " ").Trim())
            .Where(line => line.Length > 0));
    }

    [GeneratedRegex(@"[-_\s]+")]
    private static partial Regex NonWordSeparators();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDatePrefix();

    [GeneratedRegex(@"[ \t\u00A0\u3000]+")]
    private static partial Regex Whitespace();

    // "/2021-09/17/", "/2013/08/05/", "/2019-05-15/" or "/201511/11/": year, month and day as folders of the path.
    [GeneratedRegex(@"/(?<y>(?:19|20)\d{2})(?:[-/]?)(?<m>0[1-9]|1[0-2])[-/](?<d>0[1-9]|[12]\d|3[01])(?=[/._-])")]
    private static partial Regex UrlDate();
}
