using ChatAnalyst.Bot.Hosting;
using ChatAnalyst.Knowledge;

namespace ChatAnalyst.Bot;

/// <summary>Builds the bot host. <c>Program</c> runs it; host-level tests start the same app on a loopback port.</summary>
public static class BotApp
{
    /// <param name="args">Command-line arguments: host settings (<c>--environment</c>, <c>--urls</c>) and configuration overrides.</param>
    /// <param name="contentRoot">Folder holding appsettings.json and knowledge/; located automatically when null.</param>
    public static WebApplication Build(string[] args, string? contentRoot = null) => Build(args, contentRoot, configure: null);

    /// <summary>As <see cref="Build(string[], string?)"/>, with a last word on the builder (tests add a log capture).</summary>
    internal static WebApplication Build(string[] args, string? contentRoot, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = contentRoot ?? ContentRootLocator.Locate(),
        });
        builder.AddChatAnalystBot();
        configure?.Invoke(builder);

        var app = builder.Build();
        ConfigurationErrors.ValidateNow(app.Services);
        app.MapChatAnalystBot();
        return app;
    }
}
