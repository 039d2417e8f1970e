using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;

namespace ChatAnalyst.Bot.Bots;

/// <summary>Turns an incoming message into the question text: mention removed, markup and whitespace cleaned.</summary>
public static partial class MessageText
{
    public static string Clean(IMessageActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text ?? string.Empty;
        if (activity is Activity concrete && activity.GetMentions().Any(m => m.Mentioned?.Id == activity.Recipient?.Id))
        {
            text = concrete.RemoveRecipientMention() ?? text;
        }

        // Teams wraps mentions in <at>…</at> and may leave other inline tags behind.
        text = AtTag().Replace(text, string.Empty);
        text = Tag().Replace(text, string.Empty);
        return Whitespace().Replace(System.Net.WebUtility.HtmlDecode(text), " ").Trim();
    }

    public static BotCommand Command(string text) =>
        text.Trim().TrimStart('/').ToLowerInvariant() switch
        {
            "help" or "?" or "帮助" => BotCommand.Help,
            "reset" or "restart" or "clear" or "重置" => BotCommand.Reset,
            "sources" or "source" or "来源" or "资料来源" => BotCommand.Sources,
            _ => BotCommand.None,
        };

    [GeneratedRegex(@"<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();

    [GeneratedRegex(@"</?[a-z][^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
