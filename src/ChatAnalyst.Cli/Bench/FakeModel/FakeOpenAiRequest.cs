using System.Text.Json.Nodes;

namespace ChatAnalyst.Cli.Bench.FakeModel;

/// <summary>A chat completions request as the <see cref="FakeOpenAiServer"/> received it.</summary>
public sealed class FakeOpenAiRequest
{
    public FakeOpenAiRequest(string body, TimeSpan receivedAt)
    {
        Body = body;
        ReceivedAt = receivedAt;
        Json = JsonNode.Parse(body)?.AsObject() ?? throw new InvalidDataException("The request body is not a JSON object.");
    }

    /// <summary>The raw JSON body.</summary>
    public string Body { get; }

    public JsonObject Json { get; }

    /// <summary>When the request arrived, on the server's own clock (time since it started).</summary>
    public TimeSpan ReceivedAt { get; }

    public bool Stream => Json["stream"]?.GetValue<bool>() == true;

    /// <summary>True when the client asked for a final usage chunk in a stream (<c>stream_options.include_usage</c>).</summary>
    public bool StreamIncludesUsage => Json["stream_options"]?["include_usage"]?.GetValue<bool>() == true;

    public IReadOnlyList<JsonObject> Messages => Json["messages"]?.AsArray().Select(m => m!.AsObject()).ToList() ?? [];

    public IReadOnlyList<string> Roles => Messages.Select(m => (string?)m["role"] ?? string.Empty).ToList();

    /// <summary>Names of the advertised functions, e.g. "KnowledgeBase-search_articles".</summary>
    public IReadOnlyList<string> ToolNames =>
        Json["tools"]?.AsArray().Select(t => (string?)t?["function"]?["name"] ?? string.Empty).ToList() ?? [];

    /// <summary>The <c>tool_choice</c> sent ("auto", "none", ...), or null.</summary>
    public string? ToolChoice => Json["tool_choice"] is JsonValue value ? (string?)value : Json["tool_choice"]?.ToJsonString();

    /// <summary>The messages with role "tool": tool results sent back, each with its <c>tool_call_id</c>.</summary>
    public IReadOnlyList<JsonObject> ToolResults => Messages.Where(m => (string?)m["role"] == "tool").ToList();

    /// <summary>Text of the last user message.</summary>
    public string LastUserText => Messages.LastOrDefault(m => (string?)m["role"] == "user") is { } user ? TextOf(user) : string.Empty;

    /// <summary>Prompt size estimated the cheap way: characters of the body / 4.</summary>
    public int EstimatedPromptTokens => (Body.Length + 3) / 4;

    /// <summary>A message's text, whether <c>content</c> is a string or an array of text parts.</summary>
    public static string TextOf(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message["content"] switch
        {
            JsonValue value => (string?)value ?? string.Empty,
            JsonArray parts => string.Concat(parts.Select(p => (string?)p?["text"] ?? string.Empty)),
            _ => string.Empty,
        };
    }
}
