using System.Net;
using System.Text.Json.Nodes;
using ChatAnalyst.Bot;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// Starts the real bot (Development, loopback, warnings logged) with extra settings, waits until <c>/readyz</c> stops
/// saying "loading" (at most two minutes), and returns what it said and what was logged; the bot is stopped.
/// </summary>
internal static class ReadinessProbe
{
    public static async Task<(HttpStatusCode Status, JsonNode? Ready, LogCapture Logs)> StartAsync(params string[] settings)
    {
        var logs = new LogCapture();
        await using var app = BotApp.Build(
            [
                "--environment=Development",
                "--urls=http://127.0.0.1:0",
                "--Logging:LogLevel:Default=Warning",
                "--ChatAnalyst:Telemetry:Console=false",
                .. settings,
            ],
            contentRoot: null,
            builder => builder.Logging.AddProvider(logs));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        HttpStatusCode status;
        JsonNode? ready;
        var attempts = 0;
        do
        {
            await Task.Delay(200);
            using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
            status = response.StatusCode;
            ready = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        }
        while ((string?)ready?["status"] == "loading" && ++attempts < 600);

        await app.StopAsync();
        return (status, ready, logs);
    }
}
