using ChatAnalyst.Bot.Bots;
using ChatAnalyst.Bot.Edge;
using ChatAnalyst.Bot.Hosting;
using ChatAnalyst.Bot.Rendering;
using ChatAnalyst.Bot.State;
using ChatAnalyst.Knowledge;
using ChatAnalyst.Knowledge.Embeddings;
using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Orchestration;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatAnalyst.Bot;

/// <summary>Registrations and endpoints of the bot host.</summary>
public static class Extensions
{
    /// <summary>Adds the Bot Framework edge, the orchestrator and the knowledge base.</summary>
    public static WebApplicationBuilder AddChatAnalystBot(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        SettingsCheck.Validate(builder.Configuration);
        var urls = BotCredentialsGuard.ResolveUrls(builder.Configuration, builder.Environment, out var warning);
        builder.WebHost.UseUrls(urls);

        // The ports are folded into the URLs above; left set, Kestrel would warn that the URLs override them.
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, string.Empty);
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, string.Empty);

        builder.Services.AddOptions<BotOptions>()
            .BindConfiguration(BotOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddChatAnalystOrchestration();
        builder.AddChatAnalystTelemetry();
        builder.Services.AddEdgeRateLimit();
        builder.Services.AddSingleton<KnowledgeStartupService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KnowledgeStartupService>());

        // The anonymous-mode warning goes into the banner, beside the address it is about, rather than into the logs.
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<StartupBanner>(sp, warning ?? string.Empty));

        // The C library keeps the native memory turns free; it is handed back every few seconds (resident memory).
        builder.Services.AddHostedService<NativeHeapTrimmer>();
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<BotFrameworkAuthentication, GuardedBotFrameworkAuthentication>();
        builder.Services.AddSingleton<ActivityRequestFilter>();
        builder.Services.AddBotStateStorage();
        builder.Services.AddSingleton<ConversationState>();
        builder.Services.AddSingleton<AdapterWithErrorHandler>();
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<AdapterWithErrorHandler>());
        builder.Services.AddSingleton<AnswerRenderer>();
        builder.Services.AddSingleton<TeamsAnswerStreamer>();
        builder.Services.AddSingleton<FeedbackRecorder>();
        builder.Services.AddSingleton<SourcesCommand>();
        builder.Services.AddSingleton<QuestionRateLimits>();
        builder.Services.AddTransient<IBot, AnalystBot>();
        return builder;
    }

    /// <summary>Maps <c>/api/messages</c>, <c>/healthz</c> and <c>/readyz</c>.</summary>
    public static WebApplication MapChatAnalystBot(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        app.MapPost("/api/messages", (HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot, CancellationToken cancellationToken) =>
            ActivityRequestFilter.ParsedActivity(http) is { } activity && adapter is AdapterWithErrorHandler parsed
                ? parsed.ProcessAsync(http, activity, bot, cancellationToken)
                : adapter.ProcessAsync(http.Request, http.Response, bot, cancellationToken))
            .RequireRateLimiting(EdgeRateLimit.PolicyName)
            .AddEndpointFilter<ActivityRequestFilter>();
        app.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));
        app.MapGet("/readyz", (KnowledgeReadiness readiness) =>
        {
            var body = new { status = readiness.Status, documents = readiness.Documents, chunks = readiness.Chunks, observations = readiness.Observations };
            return readiness.IsReady ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }

    /// <summary>
    /// Keeps conversation state where <c>ChatAnalyst:Storage:Provider</c> says: the SQLite file (default) or the shared
    /// PostgreSQL database. Its table is created at start. An <see cref="IStorage"/> registered earlier is kept.
    /// </summary>
    public static IServiceCollection AddBotStateStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<SqliteBotStorage>();
        services.TryAddSingleton<PostgresBotStorage>();
        services.TryAddSingleton<IStorage>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.UsesPostgres
            ? sp.GetRequiredService<PostgresBotStorage>()
            : sp.GetRequiredService<SqliteBotStorage>());
        services.AddHostedService<StorageMigrationService>();
        return services;
    }
}
