using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace ChatAnalyst.Knowledge.Ingestion.Decoders;

/// <summary>
/// PDF files through PdfPig. Each page is its own section (headed "Page n") so a passage can be cited by page.
/// The title comes from the document information, else the first line of text, else the file name.
/// </summary>
public sealed partial class PdfDecoder : IDocumentDecoder
{
    private const int MaxTitleLength = 160;

    /// <inheritdoc/>
    public bool CanDecode(string path) =>
        string.Equals(Path.GetExtension(path), ".pdf", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public async Task<DecodedDocument> DecodeAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (bytes.Length == 0)
        {
            throw new DocumentDecodeException("the file is empty");
        }

        using var pdf = PdfDocument.Open(bytes);
        var sections = new List<DecodedSection>();
        foreach (var page in pdf.GetPages())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = JoinWrappedLines(ContentOrderTextExtractor.GetText(page, true));
            if (text.Length > 0)
            {
                sections.Add(new DecodedSection($"Page {page.Number}", text));
            }
        }

        if (sections.Count == 0)
        {
            throw new DocumentDecodeException("the PDF holds no extractable text (it may be a scan)");
        }

        var firstLine = sections[0].Text.Split('\n')[0].Trim();
        var title = string.IsNullOrWhiteSpace(pdf.Information.Title)
            ? firstLine.Length is > 0 and <= MaxTitleLength ? firstLine : DecoderText.TitleFromFileName(path)
            : pdf.Information.Title.Trim();

        return new DecodedDocument(
            Title: title,
            Url: DecoderText.FileUri(path),
            Publisher: string.IsNullOrWhiteSpace(pdf.Information.Author) ? null : pdf.Information.Author.Trim(),
            Published: null,
            Tags: [],
            Sections: sections);
    }

    /// <summary>PDF text is hard-wrapped: lines of one paragraph are joined, blank lines separate paragraphs.</summary>
    private static string JoinWrappedLines(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var paragraphs = BlankLines().Split(normalized)
            .Select(p => HyphenBreak().Replace(p.Trim(), "$1-"))
            .Select(p => string.Join(' ', p.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)));
        return DecoderText.NormalizeLines(string.Join('\n', paragraphs));
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"(\p{L})-\n\s*")]
    private static partial Regex HyphenBreak();
}
