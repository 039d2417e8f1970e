namespace ChatAnalyst.Knowledge.Storage;

/// <summary>A document row: metadata plus what is needed to decide whether it must be re-indexed.</summary>
/// <param name="Id">Path relative to its source folder, with '/' separators.</param>
/// <param name="Path">Absolute path of the file when it was indexed.</param>
/// <param name="SourceFolder">Absolute source folder the document was ingested from; removal is scoped to it.</param>
/// <param name="Title">Article title.</param>
/// <param name="Url">Article URL, or a file URI.</param>
/// <param name="Publisher">Publisher, when known.</param>
/// <param name="Published">Publication date, when known.</param>
/// <param name="Tags">Tags, possibly empty.</param>
/// <param name="Hash">SHA-256 of the file content, lower-case hex.</param>
/// <param name="EmbeddingModel">Model that produced the chunk vectors.</param>
/// <param name="PipelineVersion">Version of decoding and chunking; a change re-indexes the document.</param>
public sealed record StoredDocument(
    string Id,
    string Path,
    string SourceFolder,
    string Title,
    string Url,
    string? Publisher,
    DateOnly? Published,
    IReadOnlyList<string> Tags,
    string Hash,
    string EmbeddingModel,
    int PipelineVersion);
