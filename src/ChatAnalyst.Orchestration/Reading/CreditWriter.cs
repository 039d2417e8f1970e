using System.Text.RegularExpressions;
using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// Answers "who wrote / translated / edited (the article)" from the article's credit lines ("By Jo Roe", "Translated by
/// Jo Roe", "(Web editor: Jo Roe)", "Jo Roe, WIRE, City") and its publisher record ("Agency (editor: Jo Roe)"). The
/// candidate builder sets credit lines aside as context, not answers; for a question about who made the article they are
/// the answer. Only for a who-question that names such a role, from the best candidates' articles, best first.
/// </summary>
internal static partial class CreditWriter
{
    /// <summary>
    /// The answer naming the credited person; when no article credits one, a sentence saying the best article names
    /// none; null when the question asks no such role.
    /// </summary>
    public static string? Write(QuestionAnalysis question, IEnumerable<ReaderCandidate> best)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(best);
        if (question.Intent != QuestionIntent.Who || RoleOf(question.Text) is not { } role)
        {
            return null;
        }

        var articles = best.DistinctBy(c => c.DocumentId).ToList();
        foreach (var candidate in articles)
        {
            var source = candidate.Item.Source;
            var texts = new[] { candidate.Item.ArticleText, source.Publisher ?? string.Empty };
            if (texts.SelectMany(t => role.Credit.Matches(t)).FirstOrDefault() is { } credit)
            {
                var name = credit.Groups["name"].Value.Trim();
                return $"{name} is credited as {role.Name} of “{source.Title.Trim()}” {AnswerWriter.Marker(candidate)}: “{credit.Value.Trim()}”.";
            }
        }

        // No credit line: say so about the best article rather than answer with one of its figures.
        return articles is [var top, ..]
            ? $"“{top.Item.Source.Title.Trim()}” {AnswerWriter.Marker(top)} names no {RoleOf(question.Text)!.Value.Name} in the text I hold"
              + (top.Item.Source.Publisher is { Length: > 0 } publisher ? $"; it was published by {publisher.Trim()}." : ".")
            : null;
    }

    private static (string Name, Regex Credit)? RoleOf(string question) =>
        Translator().IsMatch(question) ? ("translator", TranslatorCredit())
        : Editor().IsMatch(question) ? ("editor", EditorCredit())
        : Author().IsMatch(question) ? ("author", AuthorCredit())
        : null;

    private const string Name = @"(?<name>[A-Z][A-Za-z'’-]+(?:[ ][A-Z][A-Za-z'’-]+){0,3}(?:,[ ][A-Z][A-Za-z'’-]+(?:[ ][A-Z][A-Za-z'’-]+){0,3})*)";

    [GeneratedRegex(@"\btranslat(?:e|ed|or|ion)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Translator();

    [GeneratedRegex(@"\bedit(?:or|ors|ed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Editor();

    [GeneratedRegex(@"\b(?:wrote|written|writer|author|authored|reporter|byline|penned)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Author();

    [GeneratedRegex(@"\b(?:Translated by|[Tt]ranslator:?|[Tt]ranslation by)\s+" + Name)]
    private static partial Regex TranslatorCredit();

    [GeneratedRegex(@"\b(?:[Ee]dited by|(?:[Ww]eb |English |[Cc]hief |[Ss]enior )?[Ee]ditors?:?)\s+" + Name)]
    private static partial Regex EditorCredit();

    // "By Jo Roe", "Reporting by Jo Roe", or a line that opens with a name and the publication in capitals ("Jo Roe, WIRE, City").
    [GeneratedRegex(@"\b(?:By|Written by|Reporting by|Reported by|[Rr]eporter:?)\s+(?!(?:The|January|February|March|April|May|June|July|August|September|October|November|December)\b)" + Name + @"|(?m:^)(?<name>[A-Z][a-z'’-]+(?:[ ][A-Z][a-z'’-]+){1,2}),[ ][A-Z]{3,}\b")]
    private static partial Regex AuthorCredit();
}
