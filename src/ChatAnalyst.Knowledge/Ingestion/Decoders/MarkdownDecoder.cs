using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace ChatAnalyst.Knowledge.Ingestion.Decoders;

/// <summary>
/// Markdown with optional YAML front matter (<c>title</c>, <c>source</c>, <c>publisher</c>, <c>published</c>, <c>tags</c>).
/// Headings start sections; inline markup is stripped so chunks read as prose.
/// </summary>
public sealed partial class MarkdownDecoder : IDocumentDecoder
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    /// <inheritdoc/>
    public bool CanDecode(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".md" or ".markdown";

    /// <inheritdoc/>
    public async Task<DecodedDocument> DecodeAsync(string path, CancellationToken cancellationToken)
    {
        var content = await File.ReadAllTextAsync(path, cancellationToken);
        return Decode(content, path);
    }

    internal static DecodedDocument Decode(string content, string path)
    {
        var (frontMatter, body) = SplitFrontMatter(content.Replace("\r\n", "\n", StringComparison.Ordinal));
        var sections = ParseBody(body);
        var title = Scalar(frontMatter, "title")
            ?? sections.Select(s => s.Heading).FirstOrDefault(h => !string.IsNullOrWhiteSpace(h))
            ?? DecoderText.TitleFromFileName(path);

        var url = Scalar(frontMatter, "source") ?? Scalar(frontMatter, "url");
        var document = new DecodedDocument(
            Title: title,
            Url: url ?? DecoderText.FileUri(path),
            Publisher: Scalar(frontMatter, "publisher"),
            // Without a date of its own, a news address often carries one ("…/2021-09/17/content_….htm").
            Published: DecoderText.ParseDate(Scalar(frontMatter, "published") ?? Scalar(frontMatter, "date")) ?? DecoderText.DateFromUrl(url),
            Tags: Tags(frontMatter),
            Sections: sections);

        return document.HasText ? document : throw new DocumentDecodeException("the file holds no text");
    }

    private static (Dictionary<string, object?> FrontMatter, string Body) SplitFrontMatter(string content)
    {
        var text = content.TrimStart('\uFEFF');
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return ([], text);
        }

        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new DocumentDecodeException("the YAML front matter is not closed by a '---' line");
        }

        var yaml = text[4..(end + 1)];
        var bodyStart = text.IndexOf('\n', end + 4);
        var body = bodyStart < 0 ? string.Empty : text[(bodyStart + 1)..];
        try
        {
            var parsed = Yaml.Deserialize<Dictionary<string, object?>>(yaml) ?? [];
            return (new Dictionary<string, object?>(parsed, StringComparer.OrdinalIgnoreCase), body);
        }
        catch (YamlException ex)
        {
            // Hand-written front matter often has an unquoted colon in a value ("title: Agency: output up 5%"). When
            // every line is a plain "key: value" (or a value quoted whole), the first colon of each line is the only
            // reading, so take it.
            return (PlainLines(yaml) ?? throw new DocumentDecodeException($"the YAML front matter is invalid ({ex.Message})", ex), body);
        }
    }

    /// <summary>Front matter read as one "key: plain text" per line, or null when a line is anything else.</summary>
    private static Dictionary<string, object?>? PlainLines(string yaml)
    {
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in yaml.Split('\n').Where(l => l.Trim().Length > 0))
        {
            var match = PlainLine().Match(line);
            var quoted = match.Success ? null : QuotedLine().Match(line);
            if ((!match.Success && quoted is not { Success: true }) || result.ContainsKey((quoted ?? match).Groups[1].Value))
            {
                return null;
            }

            // A value quoted whole ("title: \"Agency: output up 5%\"") is the text inside the quotes.
            result[(quoted ?? match).Groups[1].Value] = quoted is null
                ? match.Groups[2].Value.Trim()
                : quoted.Groups["d"].Success
                    ? quoted.Groups["d"].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
                    : quoted.Groups["s"].Value.Replace("''", "'", StringComparison.Ordinal);
        }

        return result;
    }

    private static string? Scalar(Dictionary<string, object?> frontMatter, string key) =>
        frontMatter.TryGetValue(key, out var value) && value is string text && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : null;

    private static List<string> Tags(Dictionary<string, object?> frontMatter)
    {
        if (!frontMatter.TryGetValue("tags", out var value) || value is null)
        {
            return [];
        }

        IEnumerable<string> raw = value switch
        {
            string text => text.Split(',', StringSplitOptions.RemoveEmptyEntries),
            IEnumerable<object?> list => list.OfType<string>(),
            _ => [],
        };
        return raw.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static List<DecodedSection> ParseBody(string body)
    {
        var sections = new List<DecodedSection>();
        string? heading = null;
        var lines = new List<string>();
        var paragraph = new StringBuilder();
        var inFence = false;
        string[]? header = null;

        void FlushParagraph()
        {
            if (paragraph.Length > 0)
            {
                lines.Add(paragraph.ToString());
                paragraph.Clear();
            }
        }

        void FlushSection()
        {
            FlushParagraph();
            var text = DecoderText.NormalizeLines(string.Join('\n', lines));
            if (heading is not null || text.Length > 0)
            {
                sections.Add(new DecodedSection(heading, text));
            }

            lines.Clear();
        }

        foreach (var rawLine in body.Split('\n'))
        {
            var line = rawLine.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal))
            {
                FlushParagraph();
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                lines.Add(line);
                continue;
            }

            var headingMatch = HeadingLine().Match(line);
            if (headingMatch.Success)
            {
                FlushSection();
                heading = Inline(headingMatch.Groups["text"].Value);
                header = null;
                continue;
            }

            if (TableSeparator().IsMatch(line) && header is not null)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(line) || RuleLine().IsMatch(line) || TableSeparator().IsMatch(line))
            {
                FlushParagraph();
                header = null;
                continue;
            }

            var item = ListItem().Match(line);
            if (item.Success)
            {
                FlushParagraph();
                paragraph.Append(Inline(item.Groups["text"].Value));
                continue;
            }

            if (line.TrimStart().StartsWith('|'))
            {
                FlushParagraph();
                var cells = line.Trim().Trim('|').Split('|').Select(c => Inline(c).Trim()).ToArray();
                lines.Add(TableRow(cells, header));
                header ??= DatedHeaders(cells);
                continue;
            }

            header = null;

            var text = Inline(BlockQuote().Replace(line, string.Empty)).Trim();
            if (paragraph.Length > 0)
            {
                paragraph.Append(' ');
            }

            paragraph.Append(text);
        }

        FlushSection();
        return sections.Where(s => s.Text.Length > 0).ToList();
    }

    /// <summary>
    /// A table row as one line, its figures next to their row label. Below a header row each figure is named by its
    /// column ("IT services — Revenue (bn): 1,390.8; Y/Y: 15.4%"), so a row says which period and measure a figure is,
    /// as a sentence would; the header row itself, and a row with more cells than the header, keep plain cells.
    /// </summary>
    private static string TableRow(string[] cells, string[]? header)
    {
        if (header is null || cells.Length > header.Length || cells.Length < 2)
        {
            return string.Join("; ", cells.Where(c => c.Length > 0));
        }

        var named = Enumerable.Range(1, cells.Length - 1)
            .Where(i => cells[i].Length > 0)
            .Select(i => header[i].Length > 0 ? $"{header[i]}: {cells[i]}" : cells[i]);
        var label = cells[0].Length > 0 ? cells[0] + " — " : string.Empty;
        return label + string.Join("; ", named);
    }

    /// <summary>
    /// A table's column headers, each month or span without a year given the year of the header to its left ("Oct 2019 |
    /// Sep | … | Dec 2018 | Nov" reads Sep as 2019 and Nov as 2018), so every figure of a row keeps its period.
    /// </summary>
    private static string[] DatedHeaders(string[] headers)
    {
        var dated = (string[])headers.Clone();
        string? year = null;
        for (var i = 0; i < dated.Length; i++)
        {
            if (HeaderYear().Match(dated[i]) is { Success: true } stated)
            {
                year = stated.Value;
            }
            else if (year is not null && BareMonths().IsMatch(dated[i]))
            {
                dated[i] = $"{dated[i]} {year}";
            }
        }

        return dated;
    }

    private static string Inline(string text)
    {
        var result = Image().Replace(text, "${alt}");
        result = Link().Replace(result, "${text}");
        result = AutoLink().Replace(result, "${url}");
        result = HtmlTag().Replace(result, string.Empty);
        result = Emphasis().Replace(result, "${text}");
        return result.Replace("`", string.Empty, StringComparison.Ordinal).Trim();
    }

    [GeneratedRegex(@"\b(?:19|20)\d{2}\b")]
    private static partial Regex HeaderYear();

    private const string MonthName = @"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?";

    [GeneratedRegex(@"^" + MonthName + @"(?:\s*[-–—/]\s*" + MonthName + @")?$", RegexOptions.IgnoreCase)]
    private static partial Regex BareMonths();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(?<text>.*?)\s*#*\s*$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^\s{0,3}([-*_])(\s*\1){2,}\s*$")]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"^\s*(?:[-*+]|\d{1,3}[.)])\s+(?<text>.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\s*>\s?")]
    private static partial Regex BlockQuote();

    [GeneratedRegex(@"!\[(?<alt>[^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"<(?<url>https?://[^>\s]+)>")]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"</?[a-zA-Z][^>]*>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"(\*\*|__)(?<text>.+?)\1|(?<![\w*])\*(?<text>[^*\s][^*]*?)\*(?![\w*])")]
    private static partial Regex Emphasis();

    // A value quoted whole, in double quotes (with \" and \\ escapes) or single quotes (with '' for a quote).
    [GeneratedRegex(@"^([A-Za-z][\w-]*):\s+(?:""(?<d>(?:[^""\\]|\\[""\\])*)""|'(?<s>(?:[^']|'')*)')\s*$")]
    private static partial Regex QuotedLine();

    // A value opening with YAML syntax (a list, a map, a quote, a block) is not plain text.
    [GeneratedRegex(@"^([A-Za-z][\w-]*):\s+([^\s\[\]{}""'|>&*!#%@`].*)$")]
    private static partial Regex PlainLine();
}
