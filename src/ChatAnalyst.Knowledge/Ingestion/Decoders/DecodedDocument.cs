namespace ChatAnalyst.Knowledge.Ingestion.Decoders;

/// <summary>A file's text and metadata, independent of its original format.</summary>
/// <param name="Title">Article title.</param>
/// <param name="Url">Front matter <c>source</c>, canonical link, or a <c>file://</c> URI of the file.</param>
/// <param name="Publisher">Publisher, when known.</param>
/// <param name="Published">Publication date, when known.</param>
/// <param name="Tags">Tags from front matter or meta keywords; empty when none.</param>
/// <param name="Sections">Text in reading order; a section's heading is null for text before any heading.</param>
public sealed record DecodedDocument(
    string Title,
    string Url,
    string? Publisher,
    DateOnly? Published,
    IReadOnlyList<string> Tags,
    IReadOnlyList<DecodedSection> Sections)
{
    /// <summary>Whether any section holds non-blank text.</summary>
    public bool HasText => Sections.Any(s => !string.IsNullOrWhiteSpace(s.Text));
}
