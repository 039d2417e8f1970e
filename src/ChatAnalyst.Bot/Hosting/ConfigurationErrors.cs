using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge;
using ChatAnalyst.Orchestration;
using Microsoft.Extensions.Options;

namespace ChatAnalyst.Bot.Hosting;

/// <summary>Turns options validation failures into the lines an operator reads when the bot refuses to start.</summary>
public static partial class ConfigurationErrors
{
    /// <summary>
    /// Validates every options class now, while the host is built: left to <c>ValidateOnStart</c>, a failure surfaces
    /// inside the host's start, which first logs it with a stack trace.
    /// </summary>
    public static void ValidateNow(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _ = services.GetRequiredService<IOptions<BotOptions>>().Value;
        _ = services.GetRequiredService<IOptions<AiOptions>>().Value;
        _ = services.GetRequiredService<IOptions<LimitsOptions>>().Value;
        _ = services.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
    }

    /// <summary>One line per failure, without the "DataAnnotation validation failed for ..." wrapper around our own message.</summary>
    public static IEnumerable<string> Lines(OptionsValidationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Failures.Select(failure => DataAnnotationWrapper().Match(failure) is { Success: true } wrapped ? wrapped.Groups[1].Value : failure);
    }

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationWrapper();
}
