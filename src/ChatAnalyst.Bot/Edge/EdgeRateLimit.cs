using System.Globalization;
using System.Threading.RateLimiting;
using ChatAnalyst.Orchestration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatAnalyst.Bot.Edge;

/// <summary>
/// Turns away request floods at the door: <c>/api/messages</c> takes at most
/// <see cref="LimitsOptions.RequestsPerMinute"/> requests a minute from one client address (a sliding window of six
/// ten-second segments); more get 429 with <c>Retry-After</c> before the body is read. Behind the Bot Service every
/// request comes from its few addresses, so the default is far above what a team sends; the per-user and
/// per-conversation limits (<see cref="Bots.QuestionRateLimits"/>) are what users meet.
/// </summary>
public static class EdgeRateLimit
{
    public const string PolicyName = "chatanalyst-edge";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private const int Segments = 6;

    public static IServiceCollection AddEdgeRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>, ILoggerFactory>((options, limits, loggers) =>
        {
            var perMinute = limits.Value.RequestsPerMinute;
            var logger = loggers.CreateLogger(typeof(EdgeRateLimit).FullName!);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PolicyName, http => RateLimitPartition.GetSlidingWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new SlidingWindowRateLimiterOptions { PermitLimit = perMinute, Window = Window, SegmentsPerWindow = Segments, QueueLimit = 0 }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var seconds = (int)(Window / Segments).TotalSeconds;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                ChatAnalystTelemetry.LimitHits.Add(1, new KeyValuePair<string, object?>("chatanalyst.limit", "edge"));
                logger.LogInformation(
                    "Rejected a request to {Path} from {Address} with 429: over {Limit} requests a minute (ChatAnalyst:Limits:RequestsPerMinute)",
                    context.HttpContext.Request.Path,
                    context.HttpContext.Connection.RemoteIpAddress,
                    perMinute);
                await context.HttpContext.Response.WriteAsync(
                    $"Too many requests from this address: the limit is {perMinute} a minute. Retry after {seconds} s.\n", cancellationToken);
            };
        });
        return services;
    }
}
