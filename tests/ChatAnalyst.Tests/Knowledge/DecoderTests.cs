using ChatAnalyst.Knowledge.Ingestion.Decoders;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace ChatAnalyst.Tests.Knowledge;

public sealed class DecoderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatanalyst-decoders", Guid.NewGuid().ToString("N"));

    public DecoderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Markdown_front_matter_gives_title_url_publisher_date_and_tags()
    {
        var path = Write("note.md", """
            ---
            title: "Widget output hits a record"
            source: https://example.test/widgets
            publisher: "Widget Times"
            published: 2024-03-05
            tags: [widgets, industry]
            ---

            # Widget output hits a record

            ## Key figures

            - Output rose **12.5%** year on year, according to the [ministry](https://example.test/ministry).
            - Exports doubled.

            ## Context

            The industry
            grew fast.
            """);

        var document = await new MarkdownDecoder().DecodeAsync(path, default);

        Assert.Equal("Widget output hits a record", document.Title);
        Assert.Equal("https://example.test/widgets", document.Url);
        Assert.Equal("Widget Times", document.Publisher);
        Assert.Equal(new DateOnly(2024, 3, 5), document.Published);
        Assert.Equal(["widgets", "industry"], document.Tags);
        Assert.Equal(["Key figures", "Context"], document.Sections.Select(s => s.Heading));
        Assert.Equal("Output rose 12.5% year on year, according to the ministry.\nExports doubled.", document.Sections[0].Text);
        Assert.Equal("The industry grew fast.", document.Sections[1].Text);
    }

    [Fact]
    public async Task Markdown_table_rows_name_each_figure_by_its_column_and_keep_empty_cells_in_place()
    {
        var path = Write("table.md", """
            ---
            title: Widget revenue by line
            ---
            Revenue by line, January-June (bn):

            | Line | Revenue | Y/Y |
            | --- | ---: | --- |
            | Gears | 820.1 | 12.5% |
            | Springs | | 3.0% |

            | no header row below |
            After the table.
            """);

        var document = await new MarkdownDecoder().DecodeAsync(path, default);

        Assert.Equal(
            "Revenue by line, January-June (bn):\nLine; Revenue; Y/Y\nGears — Revenue: 820.1; Y/Y: 12.5%\nSprings — Y/Y: 3.0%\nno header row below\nAfter the table.",
            Assert.Single(document.Sections).Text);
    }

    [Fact]
    public async Task A_table_header_month_without_a_year_takes_the_year_of_the_header_to_its_left()
    {
        var path = Write("months.md", """
            | Item | Oct 2019 | Sep | Jan-Feb | Dec 2018 | Nov |
            | --- | --- | --- | --- | --- | --- |
            | Gears | 4.7 | 5.8 | 5.3 | 5.7 | 5.4 |
            """);

        var document = await new MarkdownDecoder().DecodeAsync(path, default);

        Assert.EndsWith("Gears — Oct 2019: 4.7; Sep 2019: 5.8; Jan-Feb 2019: 5.3; Dec 2018: 5.7; Nov 2018: 5.4", Assert.Single(document.Sections).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_with_empty_published_and_no_source_has_no_date_and_a_file_url()
    {
        var path = Write("undated.md", """
            ---
            title: Undated
            published:
            ---
            Some text.
            """);

        var document = await new MarkdownDecoder().DecodeAsync(path, default);

        Assert.Null(document.Published);
        Assert.StartsWith("file://", document.Url, StringComparison.Ordinal);
        Assert.Equal("Some text.", Assert.Single(document.Sections).Text);
    }

    [Fact]
    public async Task Markdown_with_broken_front_matter_is_rejected_with_a_reason()
    {
        var path = Write("broken.md", "---\ntitle: [unclosed\n---\nText.");

        var error = await Assert.ThrowsAsync<DocumentDecodeException>(() => new MarkdownDecoder().DecodeAsync(path, default));

        Assert.Contains("front matter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_front_matter_with_an_unquoted_colon_in_a_value_is_read_line_by_line()
    {
        var path = Write("colon.md", "---\ntitle: Agency: widget sales up 12 percent\npublisher: Widget Wire (source: Agency)\npublished: 2019-10-04\n---\nText.");

        var document = await new MarkdownDecoder().DecodeAsync(path, default);

        Assert.Equal("Agency: widget sales up 12 percent", document.Title);
        Assert.Equal("Widget Wire (source: Agency)", document.Publisher);
        Assert.Equal(new DateOnly(2019, 10, 4), document.Published);
    }

    [Fact]
    public async Task Markdown_front_matter_with_an_unquoted_colon_beside_quoted_values_keeps_the_quoted_text()
    {
        var path = Write("quoted.md", "---\ntitle: \"Widget's sales up 12 \\\"pct\\\"\"\npublisher: Wire (editor: Jo Doe; mirrored)\nnote: 'It''s close'\npublished: 2018-12-09\n---\nText.");

        var document = await new MarkdownDecoder().DecodeAsync(path, default);

        Assert.Equal("Widget's sales up 12 \"pct\"", document.Title);
        Assert.Equal("Wire (editor: Jo Doe; mirrored)", document.Publisher);
        Assert.Equal(new DateOnly(2018, 12, 9), document.Published);
    }

    [Theory]
    [InlineData("http://news.example.test/pressroom/2021-09/17/content_77759211.htm", 2021, 9, 17)]
    [InlineData("https://news.example.test/archive/statistics/201511/11/content_WS5d.html", 2015, 11, 11)]
    [InlineData("https://blog.example.test/2013/08/05/gadget-output.html", 2013, 8, 5)]
    public async Task Markdown_without_a_date_takes_the_one_its_address_carries(string source, int year, int month, int day)
    {
        var path = Write("dated-by-url.md", $"---\ntitle: Gadgets\nsource: {source}\npublished: not shown\n---\nText.");

        var document = await new MarkdownDecoder().DecodeAsync(path, default);

        Assert.Equal(new DateOnly(year, month, day), document.Published);
    }

    [Theory]
    [InlineData("https://blog.example.test/2013/08/gadget-output.html")]
    [InlineData("https://news.example.test/content_20150200896328.shtml")]
    public async Task An_address_with_no_whole_date_dates_nothing(string source)
    {
        var path = Write("undated-url.md", $"---\ntitle: Gadgets\nsource: {source}\n---\nText.");

        var document = await new MarkdownDecoder().DecodeAsync(path, default);

        Assert.Null(document.Published);
    }

    [Fact]
    public async Task Plain_text_title_is_the_first_non_empty_line()
    {
        var path = Write("plain.txt", "\n\nGadget sales in 2024\n\nSales rose 4%\nin the year.\n\nPrices fell.");

        var document = await new PlainTextDecoder().DecodeAsync(path, default);

        Assert.Equal("Gadget sales in 2024", document.Title);
        Assert.Equal("Sales rose 4% in the year.\nPrices fell.", Assert.Single(document.Sections).Text);
    }

    [Fact]
    public async Task Plain_text_with_a_long_first_line_is_titled_by_its_file_name()
    {
        var path = Write("gadget-report.txt", new string('x', 300) + " end.");

        var document = await new PlainTextDecoder().DecodeAsync(path, default);

        Assert.Equal("gadget report", document.Title);
    }

    [Fact]
    public async Task Html_main_text_skips_page_chrome_and_reads_metadata()
    {
        var path = Write("page.html", """
            <html><head>
              <title>Gizmo news | Site</title>
              <meta property="og:title" content="Gizmo exports climb">
              <meta property="og:site_name" content="Gizmo Daily">
              <meta property="article:published_time" content="2024-07-09T08:00:00+08:00">
              <link rel="canonical" href="https://example.test/gizmo">
              <style>.x{color:red}</style>
            </head><body>
              <nav>Home | World | Business</nav>
              <header>Site banner</header>
              <article>
                <h1>Gizmo exports climb</h1>
                <p>Exports of gizmos rose 7.1% in June.</p>
                <h2>Outlook</h2>
                <p>Analysts expect <b>further</b> growth.</p>
                <script>trackVisitor();</script>
              </article>
              <footer>Copyright</footer>
            </body></html>
            """);

        var document = await new HtmlDecoder().DecodeAsync(path, default);

        Assert.Equal("Gizmo exports climb", document.Title);
        Assert.Equal("https://example.test/gizmo", document.Url);
        Assert.Equal("Gizmo Daily", document.Publisher);
        Assert.Equal(new DateOnly(2024, 7, 9), document.Published);
        var text = string.Join("\n", document.Sections.Select(s => s.Text));
        Assert.Contains("Exports of gizmos rose 7.1% in June.", text, StringComparison.Ordinal);
        Assert.Contains("Analysts expect further growth.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("trackVisitor", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Home | World", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Copyright", text, StringComparison.Ordinal);
        Assert.Contains(document.Sections, s => s.Heading == "Outlook");
    }

    [Fact]
    public async Task Html_date_falls_back_to_a_time_element()
    {
        var path = Write("time.htm", "<html><body><main><h1>Title here</h1><time datetime=\"2023-11-30\">30 Nov</time><p>Body text.</p></main></body></html>");

        var document = await new HtmlDecoder().DecodeAsync(path, default);

        Assert.Equal("Title here", document.Title);
        Assert.Equal(new DateOnly(2023, 11, 30), document.Published);
    }

    [Fact]
    public async Task Pdf_text_is_read_per_page_with_its_title()
    {
        var path = Path.Combine(_folder, "report.pdf");
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = "Sprocket survey 2024";
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText("Sprocket output grew 3.4% in 2024.", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText("Exports reached 210 million units.", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        await File.WriteAllBytesAsync(path, builder.Build());

        var document = await new PdfDecoder().DecodeAsync(path, default);

        Assert.Equal("Sprocket survey 2024", document.Title);
        Assert.Equal(2, document.Sections.Count);
        Assert.Equal("Page 1", document.Sections[0].Heading);
        Assert.Contains("Sprocket output grew 3.4% in 2024.", document.Sections[0].Text, StringComparison.Ordinal);
        Assert.Contains("210 million units", document.Sections[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_decoder_claims_only_its_own_extensions()
    {
        Assert.True(new MarkdownDecoder().CanDecode("a/b.MD"));
        Assert.True(new HtmlDecoder().CanDecode("x.htm"));
        Assert.True(new PdfDecoder().CanDecode("x.pdf"));
        Assert.True(new PlainTextDecoder().CanDecode("x.txt"));
        Assert.False(new MarkdownDecoder().CanDecode("x.txt"));
        Assert.False(new PdfDecoder().CanDecode("x.docx"));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
