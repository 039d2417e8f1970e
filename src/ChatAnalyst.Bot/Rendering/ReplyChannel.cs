using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;

namespace ChatAnalyst.Bot.Rendering;

/// <summary>
/// What the conversation a reply goes to can show: Teams renders citations from the message entity (so the text needs
/// no Sources list), and only personal chats render suggested actions or accept streamed replies.
/// </summary>
/// <param name="IsTeams">The channel is Microsoft Teams (or a client that emulates it, such as the Agents Playground).</param>
/// <param name="IsPersonal">A one-to-one chat: Teams' <c>personal</c>, or any conversation another channel does not mark as a group.</param>
public sealed record ReplyChannel(bool IsTeams, bool IsPersonal)
{
    /// <summary>Teams streams bot messages in personal chats only.</summary>
    public bool CanStream => IsTeams && IsPersonal;

    /// <summary>Suggested actions render only in one-to-one chats; Teams drops them in group chats and channels.</summary>
    public bool ShowsSuggestedActions => IsPersonal;

    public static ReplyChannel Of(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var isGroup = activity.Conversation?.IsGroup == true || activity.Conversation?.ConversationType is "channel" or "groupChat";
        return new ReplyChannel(string.Equals(activity.ChannelId, Channels.Msteams, StringComparison.OrdinalIgnoreCase), !isGroup);
    }
}
