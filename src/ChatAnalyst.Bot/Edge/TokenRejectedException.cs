namespace ChatAnalyst.Bot.Edge;

/// <summary>
/// The SDK's validation rejected the request's token. Deliberately not an <see cref="UnauthorizedAccessException"/>:
/// the SDK's adapter catches those and logs each with its full stack trace, while <see cref="ActivityRequestFilter"/>
/// answers this one with 401 and a single log line.
/// </summary>
public sealed class TokenRejectedException : Exception
{
    public TokenRejectedException()
    {
    }

    public TokenRejectedException(string message)
        : base(message)
    {
    }

    public TokenRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
