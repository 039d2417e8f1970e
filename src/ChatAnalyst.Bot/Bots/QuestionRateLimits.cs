using System.Threading.RateLimiting;
using ChatAnalyst.Orchestration;
using Microsoft.Extensions.Options;

namespace ChatAnalyst.Bot.Bots;

/// <summary>
/// How many questions a user and a conversation may ask (<see cref="LimitsOptions.UserMessagesPerWindow"/>,
/// <see cref="LimitsOptions.ConversationMessagesPerWindow"/>): a token bucket each, full at first, refilled evenly over
/// <see cref="LimitsOptions.WindowSeconds"/>. Counted in this instance's memory; idle buckets are dropped.
/// </summary>
public sealed class QuestionRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<(string User, string Conversation)> _limiter;

    public QuestionRateLimits(IOptions<LimitsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        var window = TimeSpan.FromSeconds(limits.WindowSeconds);
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<(string User, string Conversation), string>(
                key => RateLimitPartition.GetTokenBucketLimiter("user:" + key.User, _ => Bucket(limits.UserMessagesPerWindow, window))),
            PartitionedRateLimiter.Create<(string User, string Conversation), string>(
                key => RateLimitPartition.GetTokenBucketLimiter("conversation:" + key.Conversation, _ => Bucket(limits.ConversationMessagesPerWindow, window))));
    }

    /// <summary>Takes one question from both allowances; false (with when to ask again) when either is spent.</summary>
    public bool TryAcquire(string user, string conversation, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire((user, conversation));
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.Zero;
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>A bucket of <paramref name="limit"/> questions, one coming back every window / limit.</summary>
    private static TokenBucketRateLimiterOptions Bucket(int limit, TimeSpan window) => new()
    {
        TokenLimit = limit,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = window / limit,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
