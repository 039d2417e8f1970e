using System.Globalization;
using System.Text.RegularExpressions;
using ChatAnalyst.Orchestration.Evidence;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace ChatAnalyst.Bot.Rendering;

/// <summary>
/// The one root <c>https://schema.org/Message</c> entity Teams reads on a bot message: the AI-generated label
/// (<c>additionalType: ["AIGeneratedContent"]</c>) and one <c>Claim</c> per citation, which Teams shows as a pill at
/// the text's <c>[n]</c> marker with the source's title, abstract and link.
/// </summary>
public static partial class TeamsMessageEntity
{
    public const string Type = "https://schema.org/Message";

    /// <summary>
    /// Citations carried in the entity. Teams takes up to 20, but the Microsoft 365 Agents Playground (0.2.28) rejects a
    /// message with more than 10 with HTTP 400, so the bot would fail there; 10 is within both limits, and the renderer
    /// lists any further sources in the text.
    /// </summary>
    public const int MaxCitations = 10;

    public const int MaxTitleLength = 80;
    public const int MaxAbstractLength = 160;
    public const int MaxKeywords = 3;

    /// <summary>Teams' limit on one citation keyword.</summary>
    public const int MaxKeywordLength = 28;

    public static Entity Create(string answerText, IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(answerText);
        ArgumentNullException.ThrowIfNull(citations);
        var entity = new Entity(Type);
        entity.Properties["@type"] = "Message";
        entity.Properties["@context"] = "https://schema.org";
        entity.Properties["@id"] = string.Empty;
        entity.Properties["additionalType"] = new JArray("AIGeneratedContent");
        if (citations.Count > 0)
        {
            // A decline cites nothing; it still carries the AI label, without an empty citation list.
            entity.Properties["citation"] = new JArray(citations.Take(MaxCitations).Select(c => Claim(c, answerText)).ToArray<object>());
        }

        return entity;
    }

    private static JObject Claim(Citation citation, string answerText)
    {
        var document = new JObject
        {
            ["@type"] = "DigitalDocument",
            ["name"] = Shorten(citation.Title, MaxTitleLength),
            ["abstract"] = Shorten(CitedPassage(citation.Passage, answerText), MaxAbstractLength),
        };

        // A file path on the bot's own disk (an article ingested without a source URL) opens nowhere for the user.
        if (Uri.TryCreate(citation.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            document["url"] = url.AbsoluteUri;
        }

        var keywords = new[] { citation.Publisher, citation.Published?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) }
            .Where(k => !string.IsNullOrWhiteSpace(k))
            .Select(k => Shorten(k!, MaxKeywordLength))
            .Take(MaxKeywords)
            .ToArray();
        if (keywords.Length > 0)
        {
            document["keywords"] = new JArray(keywords);
        }

        return new JObject { ["@type"] = "Claim", ["position"] = citation.Number, ["appearance"] = document };
    }

    /// <summary>
    /// Of the evidence shown under a source, the line that holds most of the answer's figures: the passage the answer
    /// actually cites, rather than whatever the search returned first.
    /// </summary>
    private static string CitedPassage(string passage, string answerText)
    {
        var figures = Figure().Matches(answerText).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var lines = passage.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0
            ? string.Empty
            : lines.Select((line, i) => (Line: line, Score: Figure().Matches(line).Count(m => figures.Contains(m.Value)), Index: i))
                .OrderByDescending(l => l.Score)
                .ThenBy(l => l.Index)
                .First().Line;
    }

    /// <summary>Whitespace collapsed, then cut at a word boundary with an ellipsis so the result fits <paramref name="max"/>.</summary>
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = Whitespace().Replace(text, " ").Trim();
        if (flat.Length <= max)
        {
            return flat;
        }

        var cut = flat[..(max - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > max / 2 ? cut[..space] : cut).TrimEnd(' ', ',', ';', ':') + "…";
    }

    /// <summary>A figure worth matching: a decimal, or a whole number of two digits or more.</summary>
    [GeneratedRegex(@"\d+\.\d+|\d{2,}")]
    private static partial Regex Figure();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
