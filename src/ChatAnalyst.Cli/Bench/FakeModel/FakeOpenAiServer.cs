using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatAnalyst.Cli.Bench.FakeModel;

/// <summary>
/// A real OpenAI-compatible HTTP server on 127.0.0.1 and a random port (Kestrel): <c>POST {Endpoint}/chat/completions</c>,
/// as JSON or as server-sent events when the request says <c>"stream": true</c>. Replies come from a script
/// (<see cref="Enqueue"/>), then from <see cref="Responder"/>; every request body is recorded for assertions.
/// </summary>
public sealed partial class FakeOpenAiServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeOpenAiReply> _script = new();
    private readonly List<FakeOpenAiRequest> _requests = [];
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly WebApplication _app;
    private int _replies;

    private FakeOpenAiServer()
    {
        _app = LoopbackServer.Create(HandleAsync);
    }

    /// <summary>The base URL to configure as the model endpoint, e.g. <c>http://127.0.0.1:41234/v1</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Answers requests once the script is used up; without it such a request gets HTTP 400.</summary>
    public Func<FakeOpenAiRequest, FakeOpenAiReply>? Responder { get; set; }

    /// <summary>Every request received, oldest first.</summary>
    public IReadOnlyList<FakeOpenAiRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    public static async Task<FakeOpenAiServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new FakeOpenAiServer();
        server.Endpoint = new Uri(await LoopbackServer.StartAsync(server._app, cancellationToken), "v1");
        return server;
    }

    /// <summary>Adds replies to the script, answered in order.</summary>
    public void Enqueue(params FakeOpenAiReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>Forgets the recorded requests (the script is kept).</summary>
    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != "/v1/chat/completions")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var request = new FakeOpenAiRequest(await reader.ReadToEndAsync(context.RequestAborted), _clock.Elapsed);
        lock (_gate)
        {
            _requests.Add(request);
        }

        var reply = _script.TryDequeue(out var next) ? next
            : Responder?.Invoke(request) ?? new FakeOpenAiReply { StatusCode = StatusCodes.Status400BadRequest, Content = "The fake server's script is used up." };
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // The client gave up (its timeout), which is what a delayed reply is for.
            }
        }

        var id = "chatcmpl-" + Interlocked.Increment(ref _replies).ToString(CultureInfo.InvariantCulture);
        if (reply.StatusCode != StatusCodes.Status200OK)
        {
            await WriteErrorAsync(context.Response, reply);
        }
        else if (request.Stream)
        {
            try
            {
                await WriteStreamAsync(context.Response, request, reply, id, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client stopped reading mid-stream.
            }
        }
        else
        {
            await WriteJsonAsync(context.Response, Completion(request, reply, id));
        }
    }

    private static async Task WriteErrorAsync(HttpResponse response, FakeOpenAiReply reply)
    {
        response.StatusCode = reply.StatusCode;
        if (reply.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await WriteJsonAsync(response, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = reply.Content ?? $"Scripted HTTP {reply.StatusCode}.",
                ["type"] = reply.StatusCode == StatusCodes.Status429TooManyRequests ? "rate_limit_exceeded" : "server_error",
            },
        });
    }

    private static JsonObject Completion(FakeOpenAiRequest request, FakeOpenAiReply reply, string id)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content };
        if (reply.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray(reply.ToolCalls.Select((call, i) => (JsonNode)new JsonObject
            {
                ["id"] = CallId(id, i),
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
            }).ToArray());
        }

        var completion = Envelope(request, id, "chat.completion");
        completion["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = message,
            ["finish_reason"] = reply.ToolCalls.Count > 0 ? "tool_calls" : "stop",
        });
        completion["usage"] = Usage(request, reply);
        return completion;
    }

    private static async Task WriteStreamAsync(HttpResponse response, FakeOpenAiRequest request, FakeOpenAiReply reply, string id, CancellationToken aborted)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";

        await WriteEventAsync(response, Chunk(request, id, new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null));
        for (var i = 0; i < reply.ToolCalls.Count; i++)
        {
            var (name, arguments) = reply.ToolCalls[i];
            await WriteEventAsync(response, Chunk(request, id, ToolCallDelta(i, new JsonObject
            {
                ["id"] = CallId(id, i),
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = string.Empty },
            }), null));
            await WriteEventAsync(response, Chunk(request, id, ToolCallDelta(i, new JsonObject { ["function"] = new JsonObject { ["arguments"] = arguments } }), null));
        }

        // Pieces are paced on one clock (piece i is due i × ChunkDelay after the stream starts), so a busy machine delays a piece
        // but the lag does not add up over a long answer.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var index = 0;
        foreach (Match piece in Words().Matches(reply.Content ?? string.Empty))
        {
            var due = reply.ChunkDelay * ++index - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, aborted);
            }

            await WriteEventAsync(response, Chunk(request, id, new JsonObject { ["content"] = piece.Value }, null));
        }

        await WriteEventAsync(response, Chunk(request, id, new JsonObject(), reply.ToolCalls.Count > 0 ? "tool_calls" : "stop"));
        if (request.StreamIncludesUsage)
        {
            var usage = Envelope(request, id, "chat.completion.chunk");
            usage["choices"] = new JsonArray();
            usage["usage"] = Usage(request, reply);
            await WriteEventAsync(response, usage.ToJsonString());
        }

        await WriteEventAsync(response, "[DONE]");
    }

    private static JsonObject ToolCallDelta(int index, JsonObject call)
    {
        call["index"] = index;
        return new JsonObject { ["tool_calls"] = new JsonArray(call) };
    }

    private static string Chunk(FakeOpenAiRequest request, string id, JsonObject delta, string? finishReason)
    {
        var chunk = Envelope(request, id, "chat.completion.chunk");
        chunk["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason });
        return chunk.ToJsonString();
    }

    private static JsonObject Envelope(FakeOpenAiRequest request, string id, string type) => new()
    {
        ["id"] = id,
        ["object"] = type,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = (string?)request.Json["model"] ?? "fake-model",
    };

    private static JsonObject Usage(FakeOpenAiRequest request, FakeOpenAiReply reply)
    {
        var prompt = reply.PromptTokens ?? request.EstimatedPromptTokens;
        var written = (reply.Content?.Length ?? 0) + reply.ToolCalls.Sum(c => c.Name.Length + c.Arguments.Length);
        var completion = reply.CompletionTokens ?? (written + 3) / 4;
        return new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion };
    }

    private static string CallId(string id, int index) => $"call_{id}_{index.ToString(CultureInfo.InvariantCulture)}";

    private static async Task WriteEventAsync(HttpResponse response, string data)
    {
        await response.WriteAsync("data: " + data + "\n\n");
        await response.Body.FlushAsync();
    }

    private static async Task WriteJsonAsync(HttpResponse response, JsonObject body)
    {
        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString());
    }

    /// <summary>A word with the spaces after it: how the stream is cut into deltas.</summary>
    [GeneratedRegex(@"\S+\s*|\s+")]
    private static partial Regex Words();
}
