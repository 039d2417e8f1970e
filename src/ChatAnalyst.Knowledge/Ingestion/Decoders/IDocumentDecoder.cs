namespace ChatAnalyst.Knowledge.Ingestion.Decoders;

/// <summary>Turns one file format into plain text sections plus metadata. One implementation per format.</summary>
public interface IDocumentDecoder
{
    /// <summary>Whether this decoder handles the file, judged by its extension.</summary>
    bool CanDecode(string path);

    /// <summary>
    /// Reads the file. Throws <see cref="DocumentDecodeException"/> (or an I/O or parser exception) when the file
    /// is broken or holds no text; the ingestion run turns that into a warning and moves on.
    /// </summary>
    Task<DecodedDocument> DecodeAsync(string path, CancellationToken cancellationToken);
}
