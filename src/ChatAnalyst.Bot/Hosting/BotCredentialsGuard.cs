using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatAnalyst.Bot.Hosting;

/// <summary>
/// With an empty <c>MicrosoftAppId</c> the Bot Framework SDK accepts unauthenticated requests from any channel.
/// This guard keeps such a bot on loopback, and refuses to start it in Production unless anonymous mode is explicit.
/// </summary>
public static class BotCredentialsGuard
{
    public const string DefaultUrl = "http://localhost:3978";

    public static bool IsAnonymous(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration?["MicrosoftAppId"]);

    /// <summary>Throws when the host must not start; returns the URLs to listen on.</summary>
    public static string[] ResolveUrls(IConfiguration configuration, IHostEnvironment environment, out string? warning)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        warning = null;
        var urls = ConfiguredUrls(configuration);
        if (!IsAnonymous(configuration))
        {
            return urls;
        }

        var allowAnonymous = configuration.GetValue<bool>($"{BotOptions.SectionName}:{nameof(BotOptions.AllowAnonymous)}");
        if (environment.IsProduction() && !allowAnonymous)
        {
            throw new OptionsValidationException("MicrosoftAppId", typeof(BotOptions), [
                "MicrosoftAppId is empty in Production, so the bot would accept unauthenticated requests; use the bot's Entra app id (a GUID). "
                + "Fix: set MicrosoftAppId, MicrosoftAppPassword (or a managed identity) and MicrosoftAppTenantId through environment variables "
                + "or user-secrets, or set ChatAnalyst:Bot:AllowAnonymous=true if the bot sits behind its own authentication."]);
        }

        var loopback = urls.Select(ToLoopback).ToArray();
        warning = "MicrosoftAppId is empty: the bot accepts unauthenticated requests, so it listens on loopback only ("
            + string.Join(", ", loopback) + "). Set MicrosoftAppId and MicrosoftAppPassword to serve real channels.";
        return loopback;
    }

    /// <summary>
    /// Where ASP.NET Core itself would listen: <c>urls</c> (ASPNETCORE_URLS, DOTNET_URLS, --urls) first, then
    /// ASPNETCORE_HTTP_PORTS / ASPNETCORE_HTTPS_PORTS on every interface, as Kestrel reads them; only when none is set,
    /// the bot's own port 3978. The default lives here, not in appsettings.json, where it would outrank those variables.
    /// </summary>
    public static string[] ConfiguredUrls(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = Split(configuration[WebHostDefaults.ServerUrlsKey]);
        if (urls.Length > 0)
        {
            return urls;
        }

        var ports = Split(configuration[WebHostDefaults.HttpPortsKey]).Select(port => $"http://*:{port}")
            .Concat(Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(port => $"https://*:{port}"))
            .ToArray();
        return ports.Length > 0 ? ports : [DefaultUrl];
    }

    private static string[] Split(string? list) =>
        (list ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string ToLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return DefaultUrl;
        }

        return uri.IsLoopback ? url : new UriBuilder(uri) { Host = "localhost" }.Uri.ToString().TrimEnd('/');
    }
}
