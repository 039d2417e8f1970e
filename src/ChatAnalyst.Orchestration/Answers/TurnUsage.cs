using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using OpenAI.Chat;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>Counts one turn's calls to the configured model and the tokens it reported for them.</summary>
internal sealed class TurnUsage
{
    public int RoundTrips { get; private set; }

    public int PromptTokens { get; private set; }

    public int CompletionTokens { get; private set; }

    /// <summary>Counted before the call, so a call that fails still shows in the turn's log.</summary>
    public void StartRoundTrip() => RoundTrips++;

    /// <summary>
    /// Adds the usage a reply carries and returns it: SK's OpenAI connector puts an OpenAI <see cref="ChatTokenUsage"/>
    /// in the metadata under "Usage"; a streamed reply carries it on the last update's inner content instead.
    /// </summary>
    public (int Prompt, int Completion)? Add(KernelContent reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return Add(reply.Metadata, reply.InnerContent);
    }

    /// <inheritdoc cref="Add(KernelContent)"/>
    public (int Prompt, int Completion)? Add(StreamingKernelContent update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Add(update.Metadata, update.InnerContent);
    }

    private (int Prompt, int Completion)? Add(IReadOnlyDictionary<string, object?>? metadata, object? inner)
    {
        var usage = metadata is not null && metadata.TryGetValue("Usage", out var value) ? value : null;
        usage ??= inner switch
        {
            StreamingChatCompletionUpdate update => update.Usage,
            ChatCompletion completion => completion.Usage,
            _ => null,
        };
        (int Prompt, int Completion)? counts = usage switch
        {
            ChatTokenUsage openAi => (openAi.InputTokenCount, openAi.OutputTokenCount),
            UsageDetails details => ((int)(details.InputTokenCount ?? 0), (int)(details.OutputTokenCount ?? 0)),
            _ => null,
        };
        if (counts is { } c)
        {
            PromptTokens += c.Prompt;
            CompletionTokens += c.Completion;
        }

        return counts;
    }
}
