using System.Globalization;
using System.Text.Json.Nodes;
using ChatAnalyst.Orchestration.Evidence;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace ChatAnalyst.Bot.Rendering;

/// <summary>
/// A chart as an Adaptive Card 1.5, built as plain JSON: the title, the PNG (a data URI, so no image host is needed in
/// Teams, the Emulator or the Agents Playground), a table of every figure drawn (indicator, period, value, unit,
/// source) and the sources, numbered as in the answer's text.
/// </summary>
public static class ChartCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The card for <paramref name="chart"/>; <paramref name="citations"/> are the answer's, so a source keeps its <c>[n]</c>.</summary>
    public static Attachment Attachment(ChartImage chart, IReadOnlyList<Citation> citations) =>
        new() { ContentType = ContentType, Content = JObject.Parse(Build(chart, citations).ToJsonString()) };

    /// <summary>The card's JSON.</summary>
    public static JsonObject Build(ChartImage chart, IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(citations);
        var sources = chart.Facts.Select(f => f.Source).DistinctBy(s => s.DocumentId).ToList();

        // A source the answer cites keeps its number; one it does not cite (the caption names a few figures) is listed unnumbered.
        string Marker(SourceInfo source) =>
            citations.FirstOrDefault(c => c.DocumentId == source.DocumentId) is { } c ? "[" + c.Number.ToString(CultureInfo.InvariantCulture) + "] " : string.Empty;

        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = chart.Title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
            new JsonObject
            {
                ["type"] = "Image",
                ["url"] = "data:image/png;base64," + Convert.ToBase64String(chart.Png),
                ["altText"] = chart.Title,
                ["size"] = "Stretch",
            },
            FactsTable(chart.Facts, Marker),
            new JsonObject { ["type"] = "TextBlock", ["text"] = "Sources", ["weight"] = "Bolder", ["spacing"] = "Medium" },
        };
        var numbered = sources.OrderBy(s => citations.FirstOrDefault(c => c.DocumentId == s.DocumentId)?.Number ?? int.MaxValue);
        foreach (var source in numbered)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = Marker(source) + SourceText(source), ["wrap"] = true, ["size"] = "Small", ["spacing"] = "Small" });
        }

        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["fallbackText"] = chart.Title,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = body,
        };
    }

    /// <summary>The figures as a Table (Adaptive Cards 1.5), with a FactSet for hosts that do not draw tables.</summary>
    private static JsonObject FactsTable(IReadOnlyList<ChartFact> facts, Func<SourceInfo, string> marker)
    {
        var rows = new JsonArray { Row(bold: true, "Indicator", "Period", "Value", "Unit", "Source") };
        foreach (var f in facts)
        {
            rows.Add(Row(bold: false, f.Indicator, f.Period, f.Status == "actual" ? f.Value : $"{f.Value} ({f.Status})", f.Unit, marker(f.Source) + Link(f.Source, f.Source.Publisher ?? f.Source.Title)));
        }

        var fallback = new JsonArray(facts
            .Select(f => (JsonNode)new JsonObject { ["title"] = $"{f.Indicator}, {f.Period}", ["value"] = $"{f.Value} {f.Unit} {marker(f.Source)}".TrimEnd() })
            .ToArray());
        return new JsonObject
        {
            ["type"] = "Table",
            ["firstRowAsHeaders"] = true,
            ["showGridLines"] = true,
            ["gridStyle"] = "accent",
            ["spacing"] = "Medium",
            ["columns"] = new JsonArray(
                new JsonObject { ["width"] = 3 },
                new JsonObject { ["width"] = 2 },
                new JsonObject { ["width"] = 1 },
                new JsonObject { ["width"] = 1 },
                new JsonObject { ["width"] = 2 }),
            ["rows"] = rows,
            ["fallback"] = new JsonObject { ["type"] = "FactSet", ["facts"] = fallback },
        };
    }

    private static JsonObject Row(bool bold, params string[] cells) => new()
    {
        ["type"] = "TableRow",
        ["cells"] = new JsonArray(cells
            .Select(text => (JsonNode)new JsonObject
            {
                ["type"] = "TableCell",
                ["items"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true, ["weight"] = bold ? "Bolder" : "Default", ["size"] = "Small" }),
            })
            .ToArray()),
    };

    private static string SourceText(SourceInfo source)
    {
        var meta = string.Join(", ", new[] { source.Publisher, source.Published?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) }.Where(s => !string.IsNullOrEmpty(s)));
        return Link(source, source.Title) + (meta.Length > 0 ? " — " + meta : string.Empty);
    }

    // Only a web address becomes a link: a path on the bot's disk opens nowhere for the user.
    private static string Link(SourceInfo source, string text) =>
        Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"[{Escape(text)}]({source.Url})"
            : Escape(text);

    private static string Escape(string text) => text.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal);
}
