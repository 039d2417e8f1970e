using System.Globalization;
using System.Text;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ChatAnalyst.Bot.Bots;

/// <summary>
/// The <c>sources</c> command: the documents the knowledge base holds, newest first, each title linked to its article
/// when it has a web address. It lists what is stored; it never searches.
/// </summary>
public sealed class SourcesCommand
{
    /// <summary>Documents listed in one message; a longer list would bury the chat.</summary>
    public const int MaxListed = 30;

    private readonly IKnowledgeIndex _index;

    public SourcesCommand(IKnowledgeIndex index) => _index = index;

    /// <summary>The reply: a numbered Markdown list of the documents, or a sentence saying there are none yet.</summary>
    public async Task<IMessageActivity> ReplyAsync(CancellationToken cancellationToken)
    {
        var documents = (await _index.ListDocumentsAsync(cancellationToken))
            .OrderByDescending(d => d.Published ?? DateOnly.MinValue)
            .ThenBy(d => d.Title, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (documents.Count == 0)
        {
            return MessageFactory.Text("The knowledge base has no documents yet; if the bot has just started, it may still be loading them.");
        }

        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"**The knowledge base: {documents.Count} document{(documents.Count == 1 ? string.Empty : "s")}**, newest first. I answer only from these and the official figures they report.");
        foreach (var (document, i) in documents.Take(MaxListed).Select((d, i) => (d, i)))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n\n{i + 1}. ").Append(Line(document));
        }

        if (documents.Count > MaxListed)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n\n…and {documents.Count - MaxListed} more: ask a question and I search them all.");
        }

        var activity = MessageFactory.Text(text.ToString());
        activity.TextFormat = TextFormatTypes.Markdown;
        return activity;
    }

    private static string Line(StoredDocument document)
    {
        // A file path on the bot's own disk opens nowhere for the user, so only a web address becomes a link.
        var title = Escape(document.Title);
        var linked = Uri.TryCreate(document.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"[{title}]({document.Url})"
            : title;
        var meta = string.Join(", ", new[] { document.Publisher, document.Published?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) }.Where(s => !string.IsNullOrEmpty(s)));
        return meta.Length > 0 ? $"{linked} — {meta}" : linked;
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal)
            .Replace("]", "\\]", StringComparison.Ordinal)
            .Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
