using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// A bounded fuzz test: valid activities mutated with a fixed seed (fields removed, retyped or filled with odd text,
/// types swapped, bytes cut or flipped) posted to the running host. None may get a 5xx or log an unhandled exception,
/// and the bot still answers a real question afterwards.
/// </summary>
public sealed class ActivityFuzzTests(BotHostFixture host, ITestOutputHelper output) : IClassFixture<BotHostFixture>
{
    private const int Seed = 20261201;
    private const int Cases = 2000;

    private static readonly string[] Types = ["message", "invoke", "event", "conversationUpdate", "messageReaction", "typing", "installationUpdate", "endOfConversation", "zzz", string.Empty];

    private static readonly string[] Texts =
    [
        "How big was China's core AI industry in 2025?", "help", "sources", "reset", string.Empty, "\u0000\u0001\u001b[2J",
        "\u202e\u200b\ud83d\ude00\u0301", "\ud800", new string('9', 3000), "<script>alert(1)</script>", "' OR 1=1 --", "{{$system}}", "中国人工智能产业规模",
    ];

    private static readonly string[] ServiceUrls = ["http://127.0.0.1:9/", "http://localhost:9", "ftp://127.0.0.1/", "relative/path", "http://", string.Empty];

    [Fact]
    public async Task Two_thousand_mutated_activities_get_no_5xx_and_log_no_unhandled_exception()
    {
        var random = new Random(Seed);
        var bodies = Enumerable.Range(0, Cases).Select(i => Mutate(random, i)).ToList();
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();

        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (body, cancellationToken) =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await host.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), content, cancellationToken);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status >= 500 || response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                failures.Enqueue($"{status}: {Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 300)]}");
            }
        });
        var (afterStatus, afterReplies) = await host.SendAsync(BotHostFixture.Message("How big was China's core AI industry in 2025?", "conv-after-fuzz"));

        output.WriteLine($"{Cases} cases, seed {Seed}: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} × {s.Value}")));
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)));
        var unhandled = host.Logs.Entries.Where(e => e.Exception is not null || e.Level >= LogLevel.Error).ToList();
        Assert.True(unhandled.Count == 0, string.Join("\n", unhandled.Take(5)));
        Assert.True(statuses.Keys.Any(s => s is >= 200 and < 300) && statuses.ContainsKey(400), "the fuzz should reach both the bot and the 400 gate");
        Assert.Equal(200, afterStatus);
        Assert.Contains(afterReplies, r => ((string?)r["text"] ?? string.Empty).Contains("trillion", StringComparison.OrdinalIgnoreCase));
    }

    private static byte[] Mutate(Random random, int index)
    {
        var activity = BotHostFixture.Message(Pick(random, Texts), $"fuzz-{index % 50}");
        activity["type"] = random.Next(3) == 0 ? Pick(random, Types) : "message";
        if (random.Next(10) < 7)
        {
            activity["deliveryMode"] = "expectReplies";
        }

        if (random.Next(4) == 0)
        {
            activity["value"] = RandomValue(random, depth: 0);
            activity["name"] = Pick(random, ["message/submitAction", "composeExtension/query", "task/fetch", "zzz", string.Empty]);
        }

        for (var i = random.Next(1, 4); i > 0; i--)
        {
            MutateOnce(random, activity);
        }

        var bytes = Encoding.UTF8.GetBytes(activity.ToJsonString());
        return random.Next(6) == 0 ? MutateBytes(random, bytes) : bytes;
    }

    private static void MutateOnce(Random random, JsonObject activity)
    {
        var (parent, key) = PickProperty(random, activity);
        switch (random.Next(5))
        {
            case 0:
                parent.Remove(key);
                break;
            case 1:
                parent[key] = RandomValue(random, depth: 0);
                break;
            case 2:
                activity["serviceUrl"] = Pick(random, ServiceUrls);
                break;
            case 3:
                parent["x" + random.Next(100)] = RandomValue(random, depth: 0);
                break;
            default:
                activity["text"] = Pick(random, Texts) + new string((char)random.Next(0x20, 0xD7FF), random.Next(0, 50));
                break;
        }
    }

    private static (JsonObject Parent, string Key) PickProperty(Random random, JsonObject root)
    {
        var parent = root;
        while (true)
        {
            var properties = parent.ToList();
            var (key, value) = properties[random.Next(properties.Count)];
            if (value is JsonObject child && child.Count > 0 && random.Next(2) == 0)
            {
                parent = child;
                continue;
            }

            return (parent, key);
        }
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 1 ? 6 : 8) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
        2 => JsonValue.Create(random.NextDouble() * 1e300),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => JsonValue.Create(Pick(random, Texts)),
        5 => JsonValue.Create(Pick(random, ServiceUrls)),
        6 => new JsonArray(RandomValue(random, depth + 1), RandomValue(random, depth + 1)),
        _ => new JsonObject { ["id"] = RandomValue(random, depth + 1), ["k" + random.Next(10)] = RandomValue(random, depth + 1) },
    };

    private static byte[] MutateBytes(Random random, byte[] bytes)
    {
        var copy = bytes.ToArray();
        switch (random.Next(3))
        {
            case 0:
                return copy[..random.Next(copy.Length)];
            case 1:
                for (var i = random.Next(1, 6); i > 0; i--)
                {
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                }

                return copy;
            default:
                var at = random.Next(copy.Length);
                return [.. copy[..at], .. Encoding.UTF8.GetBytes(Pick(random, ["\"", "{", "]", "\\u00", ",,", "\u0000"])), .. copy[at..]];
        }
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
