using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace ChatAnalyst.Bot.Rendering;

/// <summary>Renders answers, help and the welcome as Bot Framework activities (Markdown text, sources, suggested actions, cards).</summary>
public sealed class AnswerRenderer
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    private readonly BotOptions _options;

    public AnswerRenderer(IOptions<BotOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>Example questions shown in the welcome and in help (<c>ChatAnalyst:Bot:ExampleQuestions</c>).</summary>
    public IReadOnlyList<string> ExampleQuestions => _options.ExampleQuestions;

    /// <summary>
    /// The answer as Markdown with its sources, then — as a separate activity — the follow-up suggestions: some clients
    /// (the Agents Playground) stop rendering Markdown on a message that carries suggested actions.
    /// </summary>
    private static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string EscapeMarkdown(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal)
            .Replace("]", "\\]", StringComparison.Ordinal)
            .Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    public IReadOnlyList<IActivity> Render(AnalystAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var text = new StringBuilder(answer.Text.Trim());
        if (answer.Kind == AnswerKind.Fallback)
        {
            text.Append("\n\n_Answered by the offline extractive model: the language model was unavailable or its answer could not be verified._");
        }

        if (answer.Citations.Count > 0)
        {
            text.Append("\n\n**Sources**");
            foreach (var c in answer.Citations)
            {
                // A file path on the bot's own disk (an article ingested without a source URL) opens nowhere for the
                // user, so only a web address becomes a link.
                var title = EscapeMarkdown(c.Title);
                text.Append(CultureInfo.InvariantCulture, $"\n\n[{c.Number}] ")
                    .Append(IsWebAddress(c.Url) ? $"[{title}]({c.Url})" : title);
                var meta = string.Join(", ", new[] { c.Publisher, c.Published?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) }.Where(s => !string.IsNullOrEmpty(s)));
                if (meta.Length > 0)
                {
                    text.Append(" — ").Append(meta);
                }
            }
        }

        var activity = MessageFactory.Text(text.ToString());
        activity.TextFormat = TextFormatTypes.Markdown;
        foreach (var chart in answer.Charts)
        {
            activity.Attachments.Add(ChartCard.Attachment(chart, answer.Citations));
        }

        return answer.FollowUps.Count > 0 ? [activity, SuggestionsActivity("Related questions:", answer.FollowUps)] : [activity];
    }

    /// <summary>The welcome: what the bot does, then three example questions as suggested actions.</summary>
    public IReadOnlyList<IActivity> Welcome()
    {
        var activity = MessageFactory.Text(
            "Hi, I'm **ChatAnalyst**. I answer questions about China's AI and industrial economy from a curated knowledge base "
            + "of articles and official figures, with the exact figure, its period and a source you can open. Type `help` for more.");
        activity.TextFormat = TextFormatTypes.Markdown;
        return [activity, SuggestionsActivity("Try one of these:", ExampleQuestions)];
    }

    private static Activity SuggestionsActivity(string text, IEnumerable<string> questions)
    {
        var activity = (Activity)MessageFactory.Text(text);
        activity.TextFormat = TextFormatTypes.Plain;
        activity.SuggestedActions = Suggestions(questions);
        return activity;
    }

    public IMessageActivity Help()
    {
        var text = new StringBuilder()
            .Append("**What I can answer**: figures and facts on ").Append(_options.Coverage)
            .Append(" — each with its period and a numbered source. If the knowledge base doesn't cover something, I say so instead of guessing.")
            .Append("\n\n**Try**: ").Append(string.Join(" · ", ExampleQuestions.Select(q => "_" + q + "_")))
            .Append("\n\n**Commands**: `help` shows this message; `sources` lists the knowledge base's documents; `reset` clears this conversation's history.")
            .Append("\n\nIn group chats and channels, @mention me.");
        var activity = MessageFactory.Text(text.ToString());
        activity.TextFormat = TextFormatTypes.Markdown;
        return activity;
    }

    private static SuggestedActions Suggestions(IEnumerable<string> questions) => new()
    {
        Actions = questions.Select(q => new CardAction(ActionTypes.ImBack, title: q, value: q)).ToList(),
    };
}
