using System.Text.Json;

namespace ChatAnalyst.Cli.Bench.FakeModel;

/// <summary>
/// One scripted reply of the <see cref="FakeOpenAiServer"/>: assistant text, tool calls, or an HTTP error, optionally
/// after a delay. Usage is reported as scripted, or estimated (characters / 4) from what was sent and returned.
/// </summary>
public sealed record FakeOpenAiReply
{
    public int StatusCode { get; init; } = 200;

    /// <summary>The assistant's text; null for a reply that only calls tools.</summary>
    public string? Content { get; init; }

    /// <summary>Tool calls: the function name as the model sends it (SK's "Plugin-function") and the JSON arguments.</summary>
    public IReadOnlyList<(string Name, string Arguments)> ToolCalls { get; init; } = [];

    /// <summary>How long the server waits before answering (to run into the client's timeout).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>In a stream, the pace of its pieces of text: piece i is sent i × this after the stream starts (to stall a stream after its headers).</summary>
    public TimeSpan ChunkDelay { get; init; }

    /// <summary>Sent as the Retry-After header (whole seconds) with an error status.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public int? PromptTokens { get; init; }

    public int? CompletionTokens { get; init; }

    public static FakeOpenAiReply Text(string content) => new() { Content = content };

    /// <summary>Tool calls with arguments given as objects, e.g. <c>("KnowledgeBase-search_articles", new { query = "output 2024" })</c>.</summary>
    public static FakeOpenAiReply Tools(params (string Name, object Arguments)[] calls) =>
        new() { ToolCalls = calls.Select(c => (c.Name, JsonSerializer.Serialize(c.Arguments))).ToList() };

    public static FakeOpenAiReply Error(int statusCode, TimeSpan? retryAfter = null) =>
        new() { StatusCode = statusCode, RetryAfter = retryAfter };

    /// <summary>The same reply, sent only after <paramref name="delay"/>.</summary>
    public FakeOpenAiReply After(TimeSpan delay) => this with { Delay = delay };
}
