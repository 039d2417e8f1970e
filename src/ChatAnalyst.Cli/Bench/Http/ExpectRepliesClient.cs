using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChatAnalyst.Cli.Bench.Http;

/// <summary>
/// Talks to a bot the way a script does: one Bot Framework message activity per POST to <c>/api/messages</c> with
/// <c>deliveryMode: expectReplies</c>, the replies in the response body. Each conversation asks its questions one after
/// another; conversations run side by side.
/// </summary>
internal sealed class ExpectRepliesClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    private int _runs;

    /// <summary>
    /// <paramref name="conversations"/> conversations, each asking <paramref name="turns"/> questions after
    /// <paramref name="warmup"/> untimed ones; the latency of every timed turn.
    /// </summary>
    public async Task<Latencies> RunAsync(IReadOnlyList<string> questions, int conversations, int turns, int warmup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var run = Interlocked.Increment(ref _runs);
        var results = await Task.WhenAll(Enumerable.Range(0, conversations).Select(c => Task.Run(
            async () =>
            {
                var times = new List<double>();
                for (var i = -warmup; i < turns; i++)
                {
                    var question = questions[((i + warmup) * conversations + c) % questions.Count];
                    var started = Stopwatch.GetTimestamp();
                    await AskAsync(FormattableString.Invariant($"bench-{run}-{c}"), question, cancellationToken);
                    if (i >= 0)
                    {
                        times.Add(Latencies.Since(started));
                    }
                }

                return times;
            },
            cancellationToken)));
        var latencies = new Latencies();
        foreach (var time in results.SelectMany(t => t))
        {
            latencies.Add(time);
        }

        return latencies;
    }

    public void Dispose() => _http.Dispose();

    private async Task AskAsync(string conversation, string question, CancellationToken cancellationToken)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "emulator",
            ["serviceUrl"] = "http://localhost:9",
            ["deliveryMode"] = "expectReplies",
            ["locale"] = "en-US",
            ["from"] = new JsonObject { ["id"] = "user-" + conversation },
            ["recipient"] = new JsonObject { ["id"] = "bot" },
            ["conversation"] = new JsonObject { ["id"] = conversation },
            ["text"] = question,
        };
        using var response = await _http.PostAsJsonAsync("api/messages", activity, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || !body.Contains("\"activities\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The bot at {_http.BaseAddress} answered HTTP {(int)response.StatusCode} without replies: {body[..Math.Min(body.Length, 300)]}"));
        }
    }
}
