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

    /// <summary>
    /// Teams shows about this many characters of a suggested action's title; follow-ups and example questions are kept
    /// this short so that the button shows the whole question.
    /// </summary>
    public const int MaxButtonTitle = 40;

    private readonly BotOptions _options;

    public AnswerRenderer(IOptions<BotOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>Example questions shown in the welcome and in help (<c>ChatAnalyst:Bot:ExampleQuestions</c>).</summary>
    public IReadOnlyList<string> ExampleQuestions => _options.ExampleQuestions;

    private static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string EscapeMarkdown(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal)
            .Replace("]", "\\]", StringComparison.Ordinal)
            .Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>
    /// The answer as one message. In Teams the text keeps its <c>[n]</c> markers and the sources travel in the
    /// schema.org Message entity (citation pills, the AI-generated label; sources beyond its
    /// <see cref="TeamsMessageEntity.MaxCitations"/> are listed in the text under More sources); elsewhere the text
    /// ends with the numbered, linked Sources list. Every answer turns on the feedback loop, and in one-to-one chats
    /// carries its follow-ups as suggested actions; group chats and channels do not render those, so they are left out.
    /// </summary>
    public Activity Render(AnalystAnswer answer, ReplyChannel channel)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(channel);
        var text = new StringBuilder(answer.Text.Trim());
        if (answer.Kind == AnswerKind.Fallback)
        {
            text.Append("\n\n_Answered by the offline extractive model: the language model was unavailable or its answer could not be verified._");
        }

        if (!channel.IsTeams && answer.Citations.Count > 0)
        {
            AppendSources(text, "Sources", answer.Citations);
        }
        else if (channel.IsTeams && answer.Citations.Count > TeamsMessageEntity.MaxCitations)
        {
            // The entity holds only the first citations; the rest would leave their [n] markers pointing nowhere.
            AppendSources(text, "More sources", answer.Citations.Skip(TeamsMessageEntity.MaxCitations));
        }

        var activity = (Activity)MessageFactory.Text(text.ToString());
        activity.TextFormat = TextFormatTypes.Markdown;
        if (channel.IsTeams)
        {
            activity.Entities = [TeamsMessageEntity.Create(answer.Text, answer.Citations)];
        }

        TeamsChannelData.EnableFeedback(activity);
        foreach (var chart in answer.Charts)
        {
            activity.Attachments.Add(ChartCard.Attachment(chart, answer.Citations));
        }

        // The follow-ups belong on the answer itself, not on a second message holding only a heading. Suggested actions
        // are what Teams offers for this in personal chats. The Agents Playground (0.2.28) draws a message that has
        // them without its citation pills (Teams shows both); a card of buttons would keep the pills there, but its
        // Action.Submit sends no text in the Playground, so the question asked would not show: a Playground quirk
        // the README notes, not a reason to change what Teams gets.
        if (channel.ShowsSuggestedActions && answer.FollowUps.Count > 0)
        {
            activity.SuggestedActions = Suggestions(answer.FollowUps);
        }

        return activity;
    }

    private static void AppendSources(StringBuilder text, string heading, IEnumerable<Citation> citations)
    {
        text.Append("\n\n**").Append(heading).Append("**");
        foreach (var c in citations)
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

    /// <summary>
    /// The welcome, one message: what the bot does, and the example questions on the message itself — as suggested
    /// actions in one-to-one chats, written out in group chats and channels (which do not render suggested actions).
    /// </summary>
    public Activity Welcome(ReplyChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var text = "Hi, I'm ChatAnalyst. I answer questions about China's AI and industrial economy from a curated knowledge base "
            + "of articles and official figures, with the exact figure, its period and a source you can open. Type help for more.";
        if (!channel.ShowsSuggestedActions)
        {
            text += "\n\nTry: " + string.Join(" · ", ExampleQuestions.Select(q => "_" + q + "_")) + "\n\nIn a group chat or channel, @mention me.";
        }

        var activity = (Activity)MessageFactory.Text(text);
        activity.TextFormat = TextFormatTypes.Markdown;
        if (channel.ShowsSuggestedActions)
        {
            activity.SuggestedActions = Suggestions(ExampleQuestions);
        }

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

    /// <summary>
    /// One imBack button per question, titled with the whole question: Teams sends the value, but the Agents Playground
    /// sends the title, so a shortened title would ask a cut-off question there. Questions are kept within
    /// <see cref="MaxButtonTitle"/> characters so that Teams shows them whole.
    /// </summary>
    private static SuggestedActions Suggestions(IEnumerable<string> questions) => new()
    {
        Actions = questions.Select(q => new CardAction(ActionTypes.ImBack, title: q, value: q)).ToList(),
    };
}
