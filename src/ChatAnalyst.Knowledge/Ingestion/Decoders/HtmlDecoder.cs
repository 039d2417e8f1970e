using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ChatAnalyst.Knowledge.Ingestion.Decoders;

/// <summary>
/// HTML pages. The main text comes from <c>&lt;article&gt;</c>, else <c>&lt;main&gt;</c>, else the body, without
/// scripts, styles and page chrome (navigation, header, footer, asides). Headings start sections.
/// </summary>
public sealed class HtmlDecoder : IDocumentDecoder
{
    private static readonly string[] Chrome = ["script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg"];

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "pre", "blockquote", "table", "tr",
        "figure", "figcaption", "br", "hr", "address", "details", "summary",
    };

    // Publication date meta tags, most specific first.
    private static readonly string[] DateMeta =
    [
        "meta[property='article:published_time']", "meta[property='og:published_time']", "meta[itemprop='datePublished']",
        "meta[name='date']", "meta[name='pubdate']", "meta[name='publishdate']", "meta[name='publish-date']",
        "meta[name='DC.date.issued']", "meta[name='dc.date']",
    ];

    /// <inheritdoc/>
    public bool CanDecode(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".html" or ".htm" or ".xhtml";

    /// <inheritdoc/>
    public async Task<DecodedDocument> DecodeAsync(string path, CancellationToken cancellationToken)
    {
        var content = await File.ReadAllTextAsync(path, cancellationToken);
        var parser = new HtmlParser();
        using var document = await parser.ParseDocumentAsync(content, cancellationToken);

        var title = Meta(document, "meta[property='og:title']")
            ?? NonBlank(document.Title)
            ?? NonBlank(document.QuerySelector("h1")?.TextContent)
            ?? DecoderText.TitleFromFileName(path);
        var url = NonBlank(document.QuerySelector("link[rel='canonical']")?.GetAttribute("href"))
            ?? Meta(document, "meta[property='og:url']")
            ?? DecoderText.FileUri(path);
        var publisher = Meta(document, "meta[property='og:site_name']") ?? Meta(document, "meta[name='publisher']");
        var published = DateMeta.Select(selector => DecoderText.ParseDate(Meta(document, selector))).FirstOrDefault(d => d is not null)
            ?? DecoderText.ParseDate(document.QuerySelector("time[datetime]")?.GetAttribute("datetime"))
            ?? DecoderText.DateFromUrl(url);
        var tags = document.QuerySelectorAll("meta[property='article:tag']")
            .Select(m => m.GetAttribute("content"))
            .Concat((Meta(document, "meta[name='keywords']") ?? string.Empty).Split(','))
            .Select(t => t?.Trim() ?? string.Empty)
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        var root = (IElement?)document.QuerySelector("article") ?? document.QuerySelector("main") ?? document.Body;
        var sections = root is null ? [] : ExtractSections(root);
        var decoded = new DecodedDocument(title, url, publisher, published, tags, sections);
        return decoded.HasText ? decoded : throw new DocumentDecodeException("the page holds no readable text");
    }

    private static List<DecodedSection> ExtractSections(IElement root)
    {
        foreach (var element in root.QuerySelectorAll(string.Join(',', Chrome)).ToList())
        {
            element.Remove();
        }

        var sections = new List<DecodedSection>();
        var lines = new List<string>();
        var line = new StringBuilder();
        string? heading = null;

        void FlushLine()
        {
            var text = line.ToString().Trim().TrimStart(';').Trim();
            if (text.Length > 0)
            {
                lines.Add(text);
            }

            line.Clear();
        }

        void FlushSection()
        {
            FlushLine();
            var text = DecoderText.NormalizeLines(string.Join('\n', lines));
            if (text.Length > 0)
            {
                sections.Add(new DecodedSection(heading, text));
            }

            lines.Clear();
        }

        void Walk(INode node)
        {
            if (node is IText textNode)
            {
                line.Append(textNode.Data.Replace('\n', ' '));
                return;
            }

            if (node is not IElement element)
            {
                return;
            }

            if (element.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
            {
                FlushSection();
                heading = NonBlank(element.TextContent);
                return;
            }

            var isBlock = Blocks.Contains(element.LocalName);
            if (isBlock)
            {
                FlushLine();
            }
            else if (element.LocalName is "td" or "th")
            {
                line.Append("; ");
            }

            foreach (var child in element.ChildNodes)
            {
                Walk(child);
            }

            if (isBlock)
            {
                FlushLine();
            }
        }

        Walk(root);
        FlushSection();
        return sections;
    }

    private static string? Meta(IDocument document, string selector) =>
        NonBlank(document.QuerySelector(selector)?.GetAttribute("content"));

    private static string? NonBlank(string? value)
    {
        var text = value is null ? null : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return string.IsNullOrEmpty(text) ? null : text;
    }
}
