using System.ComponentModel.DataAnnotations;

namespace ChatAnalyst.Orchestration;

/// <summary>
/// What one user, one conversation, one client address and one question may cost (<c>ChatAnalyst:Limits</c>). The
/// defaults suit a team bot; every limit is counted per instance (several instances each count their own share).
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "ChatAnalyst:Limits";

    /// <summary>Questions one user may ask per <see cref="WindowSeconds"/>; more get a friendly "please wait" in chat.</summary>
    [Range(1, 100000, ErrorMessage = "ChatAnalyst:Limits:UserMessagesPerWindow must be between 1 and 100000.")]
    public int UserMessagesPerWindow { get; set; } = 20;

    /// <summary>Questions one conversation (a group chat or channel counts as one) may take per <see cref="WindowSeconds"/>.</summary>
    [Range(1, 100000, ErrorMessage = "ChatAnalyst:Limits:ConversationMessagesPerWindow must be between 1 and 100000.")]
    public int ConversationMessagesPerWindow { get; set; } = 60;

    /// <summary>The window the two limits above count over; a user who spent the allowance gets one question back every window / limit.</summary>
    [Range(1, 86400, ErrorMessage = "ChatAnalyst:Limits:WindowSeconds must be between 1 and 86400.")]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>Requests to <c>/api/messages</c> one client address may send per minute; more get HTTP 429 before anything parses them.</summary>
    [Range(10, 10000000, ErrorMessage = "ChatAnalyst:Limits:RequestsPerMinute must be between 10 and 10000000.")]
    public int RequestsPerMinute { get; set; } = 6000;

    /// <summary>Tool calls run to answer one question, a hosted model's prefetched searches included; calls beyond it are not run and the model is told so.</summary>
    [Range(1, 100, ErrorMessage = "ChatAnalyst:Limits:MaxToolCallsPerTurn must be between 1 and 100.")]
    public int MaxToolCallsPerTurn { get; set; } = 8;

    /// <summary>Longest answer text shown; a longer one is cut at the last sentence that fits (and the model is asked for no more).</summary>
    [Range(200, 20000, ErrorMessage = "ChatAnalyst:Limits:MaxAnswerCharacters must be between 200 and 20000.")]
    public int MaxAnswerCharacters { get; set; } = 3000;

    /// <summary>
    /// Seconds a hosted model may spend on one question, retries included; then the user gets the offline answer from
    /// what the tools found so far. Under the channel's 15 s, leaving time for the offline answer and the reply.
    /// </summary>
    [Range(1, 13, ErrorMessage = "ChatAnalyst:Limits:TurnDeadlineSeconds must be between 1 and 13 (the channel waits 15 s for a turn).")]
    public int TurnDeadlineSeconds { get; set; } = 10;
}
