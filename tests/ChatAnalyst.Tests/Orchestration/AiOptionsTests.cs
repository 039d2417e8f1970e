using System.ComponentModel.DataAnnotations;
using ChatAnalyst.Orchestration;

namespace ChatAnalyst.Tests.Orchestration;

public sealed class AiOptionsTests
{
    private static List<string> Errors(AiOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? string.Empty).ToList();
    }

    [Fact]
    public void Offline_needs_no_key_model_or_endpoint() =>
        Assert.Empty(Errors(new AiOptions()));

    [Fact]
    public void OpenAI_without_a_key_names_the_key_and_how_to_set_it()
    {
        var errors = Errors(new AiOptions { Provider = AiProvider.OpenAI, Model = "gpt-4o-mini" });

        var error = Assert.Single(errors);
        Assert.Contains("ChatAnalyst:Ai:ApiKey", error, StringComparison.Ordinal);
        Assert.Contains("user-secrets", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_needs_an_http_endpoint_a_deployment_and_a_key()
    {
        var errors = Errors(new AiOptions { Provider = AiProvider.AzureOpenAI, Endpoint = "not a url" });

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("ChatAnalyst:Ai:Endpoint", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ChatAnalyst:Ai:Model", StringComparison.Ordinal));
    }

    [Fact]
    public void An_openai_compatible_server_needs_no_key()
    {
        var options = new AiOptions { Provider = AiProvider.OpenAICompatible, Endpoint = "http://localhost:11434/v1", Model = "llama3.1" };

        Assert.Empty(Errors(options));
    }

    [Fact]
    public void Out_of_range_timeouts_are_rejected_with_the_key_name()
    {
        var errors = Errors(new AiOptions { TimeoutSeconds = 0 });

        Assert.Contains(errors, e => e.Contains("ChatAnalyst:Ai:TimeoutSeconds", StringComparison.Ordinal));
    }
}
