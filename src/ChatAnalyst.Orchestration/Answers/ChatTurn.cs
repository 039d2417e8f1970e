namespace ChatAnalyst.Orchestration.Answers;

/// <summary>One earlier message of the conversation, as kept in conversation state.</summary>
/// <param name="Role">"user" or "assistant".</param>
/// <param name="Text">What was said (for the assistant: the answer text with its [n] markers).</param>
public sealed record ChatTurn(string Role, string Text)
{
    public const string User = "user";
    public const string Assistant = "assistant";
}
