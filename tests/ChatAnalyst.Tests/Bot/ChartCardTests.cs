using System.Text.Json.Nodes;
using ChatAnalyst.Bot.Rendering;
using ChatAnalyst.Orchestration.Evidence;

namespace ChatAnalyst.Tests.Bot;

public sealed class ChartCardTests
{
    private static readonly SourceInfo Statistics = new("a.md", "Industry grew in 2024", "https://example.org/a", "Statistics office", new DateOnly(2025, 1, 17));
    private static readonly SourceInfo Ministry = new("b.md", "Industry in the first 11 months", "https://example.org/b", null, null);
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];

    private static readonly ChartImage Chart = new(
        "Alpha and beta growth, 2024 and January–November 2025",
        Png,
        800,
        450,
        [
            new ChartFact("Alpha growth", "2024", "8.9", "%", "actual", Statistics),
            new ChartFact("Alpha growth", "January–November 2025", "9.2", "%", "preliminary", Ministry),
            new ChartFact("Beta growth", "2024", "7.7", "%", "actual", Statistics),
        ]);

    private static readonly Citation[] Citations =
    [
        new(1, "a.md", Statistics.Title, Statistics.Url, Statistics.Publisher, Statistics.Published, "passage"),
        new(2, "b.md", Ministry.Title, Ministry.Url, null, null, "passage"),
    ];

    [Fact]
    public void The_card_is_adaptive_card_1_5_with_the_png_as_a_data_uri()
    {
        var card = ChartCard.Build(Chart, Citations);

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        var image = Body(card).Single(b => (string?)b["type"] == "Image");
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(Png), (string?)image["url"]);
        Assert.Equal(Chart.Title, (string?)image["altText"]);
    }

    [Fact]
    public void The_facts_table_has_a_header_and_one_row_per_figure_with_its_numbered_source()
    {
        var table = Body(ChartCard.Build(Chart, Citations)).Single(b => (string?)b["type"] == "Table");

        var rows = table["rows"]!.AsArray().Select(r => r!["cells"]!.AsArray().Select(c => (string)c!["items"]![0]!["text"]!).ToArray()).ToList();
        Assert.True((bool?)table["firstRowAsHeaders"]);
        Assert.Equal(["Indicator", "Period", "Value", "Unit", "Source"], rows[0]);
        Assert.Equal(4, rows.Count);
        Assert.Equal(["Alpha growth", "January–November 2025", "9.2 (preliminary)", "%", "[2] [Industry in the first 11 months](https://example.org/b)"], rows[2]);
        Assert.Equal("[1] [Statistics office](https://example.org/a)", rows[3][4]);
        Assert.Equal("FactSet", (string?)table["fallback"]!["type"]);
    }

    [Fact]
    public void The_sources_are_listed_once_each_with_the_answer_s_numbers_and_links()
    {
        var texts = Body(ChartCard.Build(Chart, Citations)).Where(b => (string?)b["type"] == "TextBlock").Select(b => (string?)b["text"]).ToList();

        var sources = texts.SkipWhile(t => t != "Sources").Skip(1).ToList();
        Assert.Equal(["[1] [Industry grew in 2024](https://example.org/a) — Statistics office, 17 Jan 2025", "[2] [Industry in the first 11 months](https://example.org/b)"], sources);
    }

    [Fact]
    public void The_attachment_carries_the_adaptive_card_content_type()
    {
        var attachment = ChartCard.Attachment(Chart, Citations);

        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        Assert.Equal("1.5", (string?)((Newtonsoft.Json.Linq.JObject)attachment.Content)["version"]);
    }

    private static List<JsonNode> Body(JsonObject card) => card["body"]!.AsArray().Select(b => b!).ToList();
}
