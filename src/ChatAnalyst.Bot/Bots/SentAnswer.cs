using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Bot.Bots;

/// <summary>An answer as it went out: what was said, and the id of the message that carries it in the conversation.</summary>
public sealed record SentAnswer(AnalystAnswer Answer, string ActivityId);
