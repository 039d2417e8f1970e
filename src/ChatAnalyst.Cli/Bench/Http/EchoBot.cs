using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAnalyst.Cli.Bench.Http;

/// <summary>
/// The ceiling: a plain echo bot on the SDK, adapter and host the real bot uses (Bot Framework <see cref="CloudAdapter"/>
/// on ASP.NET Core, anonymous). What a turn costs the bot beyond this is ChatAnalyst's own.
/// </summary>
internal sealed class EchoBot : ActivityHandler
{
    /// <inheritdoc/>
    protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.SendActivityAsync(MessageFactory.Text("Echo: " + turnContext.Activity.Text), cancellationToken);
    }

    /// <summary>Runs the echo bot until the process is stopped; <paramref name="args"/> are host arguments (<c>--urls</c>).</summary>
    public static async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(builder.Configuration));
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<CloudAdapter>>()));
        builder.Services.AddTransient<IBot, EchoBot>();
        await using var app = builder.Build();
        app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot, CancellationToken aborted) =>
            adapter.ProcessAsync(request, response, bot, aborted));
        app.MapGet("/readyz", () => Results.Ok());
        await app.RunAsync(cancellationToken);
    }
}
