using ChatAnalyst.Knowledge;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Grounding;
using ChatAnalyst.Orchestration.Offline;
using ChatAnalyst.Orchestration.Plugins;
using ChatAnalyst.Orchestration.Prompts;
using ChatAnalyst.Orchestration.Reading;
using ChatAnalyst.Orchestration.Safety;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Polly;

namespace ChatAnalyst.Orchestration;

/// <summary>Registers the Semantic Kernel orchestrator, its plugins, prompts and the configured chat model.</summary>
public static class Extensions
{
    /// <summary>The named HttpClient every hosted model call goes through (timeouts, retries, circuit breaker).</summary>
    public const string ModelHttpClient = "chatanalyst-model";

    public static IServiceCollection AddChatAnalystOrchestration(this IServiceCollection services)
    {
        services.AddChatAnalystKnowledge();
        services.AddOptions<AiOptions>()
            .BindConfiguration(AiOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<LimitsOptions>()
            .BindConfiguration(LimitsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new PromptLibrary(PromptLibrary.DefaultFolder));
        services.TryAddSingleton<GroundingGuard>();
        services.TryAddSingleton(sp => new PromptEchoGuard(sp.GetRequiredService<PromptLibrary>()));
        services.TryAddSingleton<AnswerPolicy>();
        services.TryAddSingleton(_ => ReaderModel.LoadDefault());
        services.TryAddSingleton<ReaderTraceSink>();
        services.TryAddSingleton<TurnAnalyses>();
        services.TryAddSingleton<ArticleTexts>();
        services.TryAddSingleton<OfflineChatCompletionService>();
        services.AddModelHttpClient();
        services.TryAddSingleton<IChatCompletionService>(CreateChatService);

        var kernel = services.AddKernel();
        kernel.Plugins.AddFromType<KnowledgeBasePlugin>(KnowledgeBasePlugin.PluginName);
        kernel.Plugins.AddFromType<IndicatorsPlugin>(IndicatorsPlugin.PluginName);

        services.TryAddSingleton<AnswerOrchestrator>();
        return services;
    }

    private static void AddModelHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(ModelHttpClient)
            .AddResilienceHandler("model", (pipeline, context) =>
            {
                var ai = context.ServiceProvider.GetRequiredService<IOptions<AiOptions>>().Value;
                // Retries honour Retry-After on 429 (the default delay generator reads it); the breaker stops
                // hammering a model that is down so the offline fallback answers inside the channel's time limit.
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(ai.MaxRetries, 1),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(500),
                    MaxDelay = TimeSpan.FromSeconds(Math.Max(2, ai.TimeoutSeconds / 2)),
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(ai.MaxRetries > 0 && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 4,
                    SamplingDuration = TimeSpan.FromSeconds(60),
                    BreakDuration = TimeSpan.FromSeconds(30),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(ai.TimeoutSeconds));
            });
    }

    private static IChatCompletionService CreateChatService(IServiceProvider services)
    {
        var ai = services.GetRequiredService<IOptions<AiOptions>>().Value;
        if (ai.Provider == AiProvider.Offline)
        {
            return services.GetRequiredService<OfflineChatCompletionService>();
        }

        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(ModelHttpClient);
        // The resilience pipeline owns timeouts; the client's own must not cut retries short.
        http.Timeout = Timeout.InfiniteTimeSpan;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        return ai.Provider switch
        {
            AiProvider.OpenAI => new OpenAIChatCompletionService(ai.Model!, ai.ApiKey!, httpClient: http, loggerFactory: loggers),
            AiProvider.AzureOpenAI => new AzureOpenAIChatCompletionService(ai.Model!, ai.Endpoint!, ai.ApiKey!, httpClient: http, loggerFactory: loggers),
            AiProvider.OpenAICompatible => new OpenAIChatCompletionService(
                ai.Model!,
                new Uri(ai.Endpoint!),
                string.IsNullOrEmpty(ai.ApiKey) ? "not-needed" : ai.ApiKey,
                httpClient: http,
                loggerFactory: loggers),
            _ => throw new InvalidOperationException($"ChatAnalyst:Ai:Provider '{ai.Provider}' is not supported."),
        };
    }
}
