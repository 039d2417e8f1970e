using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAnalyst.Cli.Bench.FakeModel;

/// <summary>
/// The bare Kestrel server behind the fakes of outside services (the bench's and the tests' model endpoint, the tests'
/// channel connector): one request handler on 127.0.0.1 and a port the OS picks, so runs never clash with each other
/// or with a running bot.
/// </summary>
public static class LoopbackServer
{
    /// <summary>A server that answers every request with <paramref name="handler"/>; not started.</summary>
    public static WebApplication Create(RequestDelegate handler)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handler);
        return app;
    }

    /// <summary>Starts <paramref name="app"/> and returns its base address, ending in a slash.</summary>
    public static async Task<Uri> StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }
}
