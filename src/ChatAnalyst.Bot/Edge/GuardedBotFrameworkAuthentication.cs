using System.Security.Claims;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace ChatAnalyst.Bot.Edge;

/// <summary>
/// The SDK's <see cref="ConfigurationBotFrameworkAuthentication"/> (which does all validation) with its failures sorted:
/// a token it cannot parse or rejects (malformed, <c>alg: none</c>, bad signature, expired, wrong issuer or audience,
/// unendorsed key, serviceUrl mismatch) becomes <see cref="TokenRejectedException"/> (401) — the SDK lets some of them
/// escape as other exceptions, i.e. 500. When the metadata or keys cannot be fetched it becomes
/// <see cref="AuthenticationUnavailableException"/> (503). <see cref="ActivityRequestFilter"/> answers both and logs
/// one line each: the reason, not a stack trace, because forged requests are routine for a public endpoint.
/// Its outgoing clients (the connector that sends replies, the token endpoints) take their <see cref="HttpClient"/>s
/// from <paramref name="httpClientFactory"/>, whose handlers are pooled: without one the SDK built a new
/// <see cref="HttpClient"/>, and so a new connection to the channel, for every turn. The user token client is created
/// only when a turn uses it (<see cref="DeferredUserTokenClient"/>).
/// </summary>
public sealed class GuardedBotFrameworkAuthentication(IConfiguration configuration, IHttpClientFactory httpClientFactory, ILogger<GuardedBotFrameworkAuthentication> logger)
    : BotFrameworkAuthentication
{
    private readonly ConfigurationBotFrameworkAuthentication _inner = new(configuration, httpClientFactory: httpClientFactory, logger: logger);

    /// <inheritdoc/>
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw Sorted(ex, activity?.ChannelId);
        }
    }

    /// <inheritdoc/>
    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw Sorted(ex, channelIdHeader);
        }
    }

    /// <inheritdoc/>
    public override async Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw Sorted(ex, null);
        }
    }

    /// <inheritdoc/>
    public override string GetOriginatingAudience() => _inner.GetOriginatingAudience();

    /// <inheritdoc/>
    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => _inner.CreateConnectorFactory(claimsIdentity);

    /// <inheritdoc/>
    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        Task.FromResult<UserTokenClient>(new DeferredUserTokenClient(token => _inner.CreateUserTokenClientAsync(claimsIdentity, token)));

    /// <inheritdoc/>
    public override BotFrameworkClient CreateBotFrameworkClient() => _inner.CreateBotFrameworkClient();

    /// <summary>True when the failure is about reaching the metadata or key endpoints, not about the token.</summary>
    internal static bool IsUnavailable(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            // IDX20803/IDX20804: Microsoft.IdentityModel could not fetch or read the OpenID configuration or its keys.
            if (ex is HttpRequestException or IOException or TimeoutException or TaskCanceledException
                || ex.Message.StartsWith("IDX20803", StringComparison.Ordinal)
                || ex.Message.StartsWith("IDX20804", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static Exception Sorted(Exception exception, string? channelId)
    {
        if (IsUnavailable(exception))
        {
            return new AuthenticationUnavailableException(OneLine(exception), exception);
        }

        // Everything else is a verdict on the request: deny it (fail closed), whatever type the SDK threw.
        var reason = exception is UnauthorizedAccessException && exception.Message.StartsWith("Attempted to perform an unauthorized operation", StringComparison.Ordinal)
            ? "missing, invalid or unaccepted token"
            : OneLine(exception);
        return new TokenRejectedException($"{reason} (channel {channelId ?? "none"})", exception);
    }

    private static string OneLine(Exception exception)
    {
        var message = exception.Message;
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
