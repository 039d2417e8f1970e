using System.Text.RegularExpressions;

namespace ChatAnalyst.Orchestration.Safety;

/// <summary>
/// Keeps an answer from carrying anyone's links or images but its sources'. A model talked into it (by the user or by
/// an article it read) could otherwise smuggle data out in the address of a Markdown image, which the chat client
/// fetches on its own, or lure the user to a page: so every image goes, and a link, bare address or HTML tag stays
/// only when it points at one of the answer's cited sources. Charts travel as attachments, never in the text.
/// </summary>
public static partial class AnswerLinks
{
    /// <summary>What a removed address leaves in the text.</summary>
    public const string Removed = "(link removed)";

    /// <summary>
    /// <paramref name="text"/> without images, HTML tags, link definitions, and links or addresses outside
    /// <paramref name="allowedUrls"/> (a removed link keeps its text).
    /// </summary>
    public static string Clean(string text, IEnumerable<string> allowedUrls)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(allowedUrls);
        var allowed = allowedUrls.Where(u => !string.IsNullOrWhiteSpace(u)).Select(Normalize).ToHashSet(StringComparer.OrdinalIgnoreCase);
        text = Image().Replace(text, string.Empty);
        text = LinkDefinition().Replace(text, string.Empty);
        text = Link().Replace(text, m =>
        {
            var label = m.Groups["text"].Value;
            if (allowed.Contains(Normalize(m.Groups["url"].Value)))
            {
                return m.Value;
            }

            // "[1](https://…)" is a citation marker someone linked: the marker stays, the address goes.
            return CitationLabel().IsMatch(label) ? "[" + label + "]" : label;
        });
        text = HtmlTag().Replace(text, string.Empty);
        return Address().Replace(text, m => allowed.Contains(Normalize(m.Value)) ? m.Value : Removed);
    }

    private static string Normalize(string url) => url.Trim().Trim('<', '>').TrimEnd('/');

    /// <summary>A Markdown image, inline (<c>![alt](url "title")</c>) or by reference (<c>![alt][ref]</c>).</summary>
    [GeneratedRegex(@"!\[[^\]]*\]\s*(?:\([^)]*\)|\[[^\]]*\])")]
    private static partial Regex Image();

    /// <summary>An inline Markdown link, <c>[text](url "title")</c>.</summary>
    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\(\s*<?(?<url>[^)\s>]*)>?(?:\s+(?:""[^""]*""|'[^']*'))?\s*\)")]
    private static partial Regex Link();

    /// <summary>A reference-style link definition on its own line, <c>[ref]: url</c>.</summary>
    [GeneratedRegex(@"^[ \t]*\[[^\]]+\]:[ \t]*\S+.*$\n?", RegexOptions.Multiline)]
    private static partial Regex LinkDefinition();

    [GeneratedRegex(@"^\d{1,3}(?:\s*,\s*\d{1,3})*$")]
    private static partial Regex CitationLabel();

    /// <summary>An HTML tag or autolink (<c>&lt;img …&gt;</c>, <c>&lt;a href=…&gt;</c>, <c>&lt;https://…&gt;</c>); answers need none.</summary>
    [GeneratedRegex(@"</?[a-z][a-z0-9-]*(?::[^\s>]*)?(?:\s[^>]*)?/?>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTag();

    /// <summary>A bare address: a URL with a scheme, or one starting with www.; trailing punctuation is not part of it.</summary>
    [GeneratedRegex(@"(?:\b(?:https?|ftp|file|mailto|data|javascript|vbscript):|\bwww\.)[^\s<>()\[\]""'`]*[^\s<>()\[\]""'`.,;:!?。，；：！？]", RegexOptions.IgnoreCase)]
    private static partial Regex Address();
}
