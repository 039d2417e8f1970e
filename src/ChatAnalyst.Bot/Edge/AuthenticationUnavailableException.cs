namespace ChatAnalyst.Bot.Edge;

/// <summary>
/// The channel's token could not be checked because the OpenID metadata or its signing keys could not be fetched.
/// The request is neither accepted nor called forged: <see cref="ActivityRequestFilter"/> answers 503 so the channel
/// retries.
/// </summary>
public sealed class AuthenticationUnavailableException : Exception
{
    public AuthenticationUnavailableException()
    {
    }

    public AuthenticationUnavailableException(string message)
        : base(message)
    {
    }

    public AuthenticationUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
