namespace ChatAnalyst.Knowledge.Ingestion.Decoders;

/// <summary>A file that cannot be turned into text: empty, malformed, or of an unsupported kind.</summary>
public sealed class DocumentDecodeException : Exception
{
    public DocumentDecodeException()
    {
    }

    public DocumentDecodeException(string message)
        : base(message)
    {
    }

    public DocumentDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
