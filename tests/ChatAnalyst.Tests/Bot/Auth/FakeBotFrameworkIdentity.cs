using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace ChatAnalyst.Tests.Bot.Auth;

/// <summary>
/// Test-only stand-in for the Bot Framework token service: an OpenID metadata document and a JWKS (with the
/// Bot Framework's per-key <c>endorsements</c>) served over HTTPS on a loopback port, and tokens signed with its keys.
/// The SDK insists on HTTPS for metadata, so the server uses a self-signed certificate that the bot process is told
/// to trust through <c>SSL_CERT_FILE</c>; nothing is added to the machine's trust store.
/// </summary>
internal sealed class FakeBotFrameworkIdentity : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string EndorsedKeyId = "test-key-msteams";
    public const string UnendorsedKeyId = "test-key-webchat";

    private readonly RSA _endorsed = RSA.Create(2048);
    private readonly RSA _unendorsed = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly WebApplication _server;

    private FakeBotFrameworkIdentity(X509Certificate2 certificate, WebApplication server, string certificateFile)
    {
        _certificate = certificate;
        _server = server;
        CertificateFile = certificateFile;
    }

    /// <summary>The metadata URL to configure as <c>ToBotFromChannelOpenIdMetadataUrl</c>.</summary>
    public Uri MetadataUrl { get; private set; } = null!;

    /// <summary>PEM file holding the server's certificate, to pass to the bot as <c>SSL_CERT_FILE</c>.</summary>
    public string CertificateFile { get; }

    public static async Task<FakeBotFrameworkIdentity> StartAsync(string folder)
    {
        var certificate = SelfSignedLoopbackCertificate();
        var certificateFile = Path.Combine(folder, "fake-token-service.pem");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var server = builder.Build();
        var identity = new FakeBotFrameworkIdentity(certificate, server, certificateFile);
        server.MapGet("/v1/.well-known/openidconfiguration", (HttpRequest request) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = $"https://{request.Host}/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        server.MapGet("/v1/.well-known/keys", () => Results.Json(new { keys = new[] { identity.Jwk(identity._endorsed, EndorsedKeyId, "msteams"), identity.Jwk(identity._unendorsed, UnendorsedKeyId, "webchat") } }));
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        identity.MetadataUrl = new Uri(new Uri(address), "/v1/.well-known/openidconfiguration");
        return identity;
    }

    /// <summary>A token as the channel would send it, with every part overridable so a test can break one.</summary>
    public string Token(string audience, string serviceUrl, string issuer = Issuer, string keyId = EndorsedKeyId, RSA? signWith = null, DateTime? expires = null)
    {
        var key = new RsaSecurityKey(signWith ?? (keyId == EndorsedKeyId ? _endorsed : _unendorsed)) { KeyId = keyId };
        var notBefore = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2);
        var handler = new JwtSecurityTokenHandler();
        return handler.CreateEncodedJwt(
            issuer,
            audience,
            new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            notBefore,
            expires ?? DateTime.UtcNow.AddHours(1),
            notBefore,
            new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public static string UnsignedToken(string audience, string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow;
        var header = Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var payload = Base64Url($"{{\"iss\":\"{Issuer}\",\"aud\":\"{audience}\",\"serviceurl\":\"{serviceUrl}\",\"nbf\":{now.AddMinutes(-5).ToUnixTimeSeconds()},\"exp\":{now.AddHours(1).ToUnixTimeSeconds()}}}");
        return $"{header}.{payload}.";
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
        _certificate.Dispose();
        _endorsed.Dispose();
        _unendorsed.Dispose();
    }

    private Dictionary<string, object> Jwk(RSA rsa, string keyId, string endorsedChannel)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = keyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = new[] { endorsedChannel },
        };
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Kestrel on Linux wants a certificate whose private key came from a PFX, not an ephemeral one.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }
}
