using System.ComponentModel.DataAnnotations;

namespace ChatAnalyst.Orchestration;

/// <summary>Which chat model answers and how it is reached (<c>ChatAnalyst:Ai</c>).</summary>
public sealed class AiOptions : IValidatableObject
{
    public const string SectionName = "ChatAnalyst:Ai";

    /// <summary>The model provider. <see cref="AiProvider.Offline"/> needs no network and no key.</summary>
    public AiProvider Provider { get; set; } = AiProvider.Offline;

    /// <summary>Model id (OpenAI, OpenAI-compatible) or deployment name (Azure OpenAI).</summary>
    public string? Model { get; set; }

    /// <summary>Base URL: the Azure OpenAI resource endpoint or the OpenAI-compatible server (e.g. http://localhost:11434/v1).</summary>
    public string? Endpoint { get; set; }

    /// <summary>API key. Set it through user-secrets or the environment variable <c>ChatAnalyst__Ai__ApiKey</c>, never in a file in the repo.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Seconds one model call may take before it is abandoned and retried or answered offline.</summary>
    [Range(1, 600, ErrorMessage = "ChatAnalyst:Ai:TimeoutSeconds must be between 1 and 600.")]
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>How many times a failed model call is retried (429, 5xx, timeouts).</summary>
    [Range(0, 5, ErrorMessage = "ChatAnalyst:Ai:MaxRetries must be between 0 and 5.")]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Model round-trips per question: one to plan tool calls, one to answer.</summary>
    [Range(1, 5, ErrorMessage = "ChatAnalyst:Ai:MaxRoundTrips must be between 1 and 5.")]
    public int MaxRoundTrips { get; set; } = 2;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        switch (Provider)
        {
            case AiProvider.OpenAI:
                if (string.IsNullOrWhiteSpace(ApiKey))
                {
                    yield return Missing("ApiKey", "an OpenAI API key (dotnet user-secrets set ChatAnalyst:Ai:ApiKey <key> --project src/ChatAnalyst.Bot, or the environment variable ChatAnalyst__Ai__ApiKey)");
                }

                if (string.IsNullOrWhiteSpace(Model))
                {
                    yield return Missing("Model", "a model id such as gpt-4o-mini");
                }

                break;
            case AiProvider.AzureOpenAI:
                if (!IsAbsoluteHttpUri(Endpoint))
                {
                    yield return Missing("Endpoint", "the resource URL, e.g. https://my-resource.openai.azure.com/");
                }

                if (string.IsNullOrWhiteSpace(Model))
                {
                    yield return Missing("Model", "the deployment name");
                }

                if (string.IsNullOrWhiteSpace(ApiKey))
                {
                    yield return Missing("ApiKey", "the resource key (user-secrets or ChatAnalyst__Ai__ApiKey)");
                }

                break;
            case AiProvider.OpenAICompatible:
                if (!IsAbsoluteHttpUri(Endpoint))
                {
                    yield return Missing("Endpoint", "the server's base URL, e.g. http://localhost:11434/v1 for Ollama");
                }

                if (string.IsNullOrWhiteSpace(Model))
                {
                    yield return Missing("Model", "the model name the server knows, e.g. llama3.1");
                }

                break;
            case AiProvider.Offline:
                break;
            default:
                yield return new ValidationResult(
                    $"ChatAnalyst:Ai:Provider '{Provider}' is not known; use Offline, OpenAI, AzureOpenAI or OpenAICompatible.",
                    [nameof(Provider)]);
                break;
        }
    }

    private ValidationResult Missing(string key, string what) =>
        new($"ChatAnalyst:Ai:{key} is required when ChatAnalyst:Ai:Provider is {Provider}: set it to {what}.", [key]);

    private static bool IsAbsoluteHttpUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
