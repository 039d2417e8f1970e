using System.Globalization;
using System.Text.RegularExpressions;
using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// Answers "when did (publisher) report / publish …" from the article's own record: its publisher and publication date,
/// which the citation shows and the grounding guard accepts, followed by the article's best sentence for the question.
/// Only for a when-question with a verb of publishing that names the publisher of one of the best candidates' articles.
/// </summary>
internal static partial class PublicationWriter
{
    /// <summary>The candidate (among <paramref name="best"/>, best first) whose article's publisher the question names, or null.</summary>
    public static ReaderCandidate? Source(QuestionAnalysis question, IEnumerable<ReaderCandidate> best)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(best);
        if (question.Intent != QuestionIntent.When || !PublishVerb().IsMatch(question.Text))
        {
            return null;
        }

        var words = Words(question.Text);
        // The whole name, so "When did China publish …" is not read as naming a publisher called "China Daily".
        return best.FirstOrDefault(c => c.Item.Source is { Published: not null, Publisher: { Length: > 0 } publisher }
            && Words(Parenthesis().Replace(publisher, string.Empty)) is { Count: > 0 } name && name.IsSubsetOf(words));
    }

    /// <summary>"(Publisher) published “(title)” on 18 November 2014 [1]." and the article's sentence that answers the question best.</summary>
    public static string Write(QuestionAnalysis question, ReaderCandidate source)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(source);
        var publisher = Parenthesis().Replace(source.Item.Source.Publisher ?? string.Empty, string.Empty).Trim();
        var date = source.Item.Source.Published!.Value.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        return $"{publisher} published “{source.Item.Source.Title.Trim()}” on {date} {AnswerWriter.Marker(source)}. {AnswerWriter.Quote(question, source)}";
    }

    private static HashSet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?:publish(?:ed)?|report(?:ed)?|release[ds]?|post(?:ed)?|carr(?:y|ied)|run|ran)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PublishVerb();

    [GeneratedRegex(@"\s*\([^)]*\)")]
    private static partial Regex Parenthesis();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
