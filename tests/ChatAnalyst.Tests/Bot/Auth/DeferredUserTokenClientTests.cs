using System.Security.Claims;
using ChatAnalyst.Bot.Edge;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAnalyst.Tests.Bot.Auth;

public sealed class DeferredUserTokenClientTests
{
    [Fact]
    public async Task The_real_client_is_created_on_first_use_only_once_and_disposed_with_the_turn()
    {
        var created = 0;
        var inner = new RecordingClient();
        var client = new DeferredUserTokenClient(_ =>
        {
            created++;
            return Task.FromResult<UserTokenClient>(inner);
        });
        Assert.False(client.Created);
        Assert.Equal(0, created);

        var first = await client.GetUserTokenAsync("user", "connection", "msteams", null!, CancellationToken.None);
        await client.SignOutUserAsync("user", "connection", "msteams", CancellationToken.None);

        Assert.True(client.Created);
        Assert.Equal(1, created);
        Assert.Equal("token-for-user", first.Token);
        Assert.Equal(["get user", "sign out user"], inner.Calls);
        client.Dispose();
        Assert.True(inner.Disposed);
    }

    [Fact]
    public void A_turn_that_never_uses_it_creates_and_disposes_nothing()
    {
        var created = 0;
        var client = new DeferredUserTokenClient(_ =>
        {
            created++;
            return Task.FromResult<UserTokenClient>(new RecordingClient());
        });

        client.Dispose();

        Assert.Equal(0, created);
    }

    [Fact]
    public async Task The_bot_authentication_hands_out_a_deferred_client_and_pooled_http_clients()
    {
        var factory = new CountingHttpClientFactory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var auth = new GuardedBotFrameworkAuthentication(configuration, factory, NullLogger<GuardedBotFrameworkAuthentication>.Instance);
        var identity = new ClaimsIdentity([new Claim(AuthenticationConstants.AudienceClaim, "app-id"), new Claim(AuthenticationConstants.AppIdClaim, "app-id")]);

        using var tokens = await auth.CreateUserTokenClientAsync(identity, CancellationToken.None);
        var before = factory.Created;
        var connector = await auth.CreateConnectorFactory(identity).CreateAsync("https://smba.example.test/", null!, CancellationToken.None);
        connector.Dispose();

        Assert.IsType<DeferredUserTokenClient>(tokens);
        Assert.False(((DeferredUserTokenClient)tokens).Created);
        // The connector's HttpClient came from the factory (pooled handlers), not a new HttpClient of its own.
        Assert.Equal(before + 1, factory.Created);
    }

    private sealed class CountingHttpClientFactory : IHttpClientFactory
    {
        private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();

        public int Created { get; private set; }

        public HttpClient CreateClient(string name)
        {
            Created++;
            return _services.GetRequiredService<IHttpClientFactory>().CreateClient(name);
        }
    }

    private sealed class RecordingClient : UserTokenClient
    {
        public List<string> Calls { get; } = [];

        public bool Disposed { get; private set; }

        public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken)
        {
            Calls.Add("get user");
            return Task.FromResult(new TokenResponse { Token = "token-for-" + userId });
        }

        public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken)
        {
            Calls.Add("sign out " + userId);
            return Task.CompletedTask;
        }

        public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
