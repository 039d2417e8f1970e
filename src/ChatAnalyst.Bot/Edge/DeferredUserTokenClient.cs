using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace ChatAnalyst.Bot.Edge;

/// <summary>
/// The user token client the adapter hands every turn, created only when the turn first uses it. The adapter asks for
/// one per request and disposes it at the end of the turn; the SDK's client builds a REST client and credentials as it
/// is created (about 0.1 ms and a few kilobytes of garbage per turn in a profile of the bot over HTTP), and this bot
/// never signs users in, so that work was thrown away on every turn. A turn that does use it gets the same client as
/// before, created from the same identity, and disposed with the turn.
/// </summary>
internal sealed class DeferredUserTokenClient(Func<CancellationToken, Task<UserTokenClient>> create) : UserTokenClient
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private UserTokenClient? _inner;

    /// <summary>Whether the real client has been created (tests).</summary>
    internal bool Created => _inner is not null;

    /// <inheritdoc/>
    public override async Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken)).GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

    /// <inheritdoc/>
    public override async Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken)).GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

    /// <inheritdoc/>
    public override async Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken)).SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

    /// <inheritdoc/>
    public override async Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken)).GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

    /// <inheritdoc/>
    public override async Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken)).GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

    /// <inheritdoc/>
    public override async Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken)).ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner?.Dispose();
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<UserTokenClient> InnerAsync(CancellationToken cancellationToken)
    {
        if (_inner is { } created)
        {
            return created;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _inner ??= await create(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
