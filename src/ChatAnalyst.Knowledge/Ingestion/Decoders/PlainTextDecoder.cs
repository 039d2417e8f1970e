using System.Text.RegularExpressions;

namespace ChatAnalyst.Knowledge.Ingestion.Decoders;

/// <summary>Plain text. The first non-empty line is the title when it is short enough to be one; otherwise the file name is.</summary>
public sealed partial class PlainTextDecoder : IDocumentDecoder
{
    // A first line longer than this is prose, not a title.
    private const int MaxTitleLength = 160;

    /// <inheritdoc/>
    public bool CanDecode(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".txt" or ".text";

    /// <inheritdoc/>
    public async Task<DecodedDocument> DecodeAsync(string path, CancellationToken cancellationToken)
    {
        var content = await File.ReadAllTextAsync(path, cancellationToken);
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Split('\n');
        var firstIndex = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (firstIndex < 0)
        {
            throw new DocumentDecodeException("the file is empty");
        }

        var first = lines[firstIndex].Trim();
        var titleIsLine = first.Length <= MaxTitleLength;
        var bodyLines = titleIsLine ? lines.Skip(firstIndex + 1) : lines.Skip(firstIndex);

        // Hard-wrapped lines of one paragraph are joined; blank lines separate paragraphs.
        var paragraphs = BlankLines().Split(string.Join('\n', bodyLines))
            .Select(p => string.Join(' ', p.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)))
            .Where(p => p.Length > 0);
        var text = DecoderText.NormalizeLines(string.Join('\n', paragraphs));
        if (text.Length == 0)
        {
            // A one-line file: the line is both the title and the text.
            text = first;
        }

        return new DecodedDocument(
            Title: titleIsLine ? first : DecoderText.TitleFromFileName(path),
            Url: DecoderText.FileUri(path),
            Publisher: null,
            Published: null,
            Tags: [],
            Sections: [new DecodedSection(null, text)]);
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();
}
