using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ChatAnalyst.Orchestration.Evaluation;

/// <summary>One line of an answers evaluation file (<c>tests/eval/answers.jsonl</c>).</summary>
public sealed partial record AnswerCase
{
    public required string Id { get; init; }

    /// <summary>Earlier user questions of the same conversation, oldest first.</summary>
    public IReadOnlyList<string> History { get; init; } = [];

    public required string Question { get; init; }

    public string Type { get; init; } = "figure";

    /// <summary>Accepted answer forms: the answer is right when all strings of any one form appear in it.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Accept { get; init; } = [];

    /// <summary>Documents the answer must cite.</summary>
    [JsonPropertyName("must_cite")]
    public IReadOnlyList<string> MustCite { get; init; } = [];

    /// <summary>"decline" for questions the knowledge base does not support.</summary>
    public string? Expect { get; init; }

    [JsonIgnore]
    public bool ExpectsDecline => string.Equals(Expect, "decline", StringComparison.OrdinalIgnoreCase) || Type == "out_of_scope";

    /// <summary>
    /// Whether <paramref name="text"/> holds every string of one accepted form (case-insensitive) and, when
    /// <paramref name="documentId"/> is given, comes from an article the answer must cite.
    /// </summary>
    public bool IsAnsweredBy(string text, string? documentId = null) =>
        (documentId is null || MustCite.Count == 0 || MustCite.Contains(documentId, StringComparer.OrdinalIgnoreCase))
        && Accept.Any(form => form.All(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// Whether <paramref name="evidence"/> holds an accepted answer at all: every string of one accepted form in the
    /// sentences of one article the answer must cite, taken together (a list's items, or a comparison's two figures,
    /// sit in several sentences). In a comparison, a number that no sentence states counts as held when it is the gap,
    /// at its own precision, between two numbers the same article's sentences state: the answer works it out.
    /// </summary>
    public bool IsHeldBy(IEnumerable<(string Text, string DocumentId)> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var article in evidence.GroupBy(e => e.DocumentId, StringComparer.OrdinalIgnoreCase))
        {
            if (MustCite.Count > 0 && !MustCite.Contains(article.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var text = string.Join('\n', article.Select(e => e.Text));
            var numbers = Type == "comparison" ? NumbersIn(text) : [];
            if (Accept.Any(form => form.All(s => text.Contains(s, StringComparison.OrdinalIgnoreCase) || IsGap(s, numbers))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The distinct plain numbers of a text, thousands separators removed ("1,012" is 1012).</summary>
    private static List<decimal> NumbersIn(string text) =>
        Number().Matches(text)
            .Select(m => decimal.Parse(m.Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture))
            .Distinct()
            .ToList();

    private static bool IsGap(string accepted, List<decimal> numbers)
    {
        if (numbers.Count < 2 || !PlainNumber().IsMatch(accepted))
        {
            return false;
        }

        var value = decimal.Parse(accepted, CultureInfo.InvariantCulture);
        var point = accepted.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : accepted.Length - point - 1;
        return numbers.Any(a => numbers.Any(b => a > b && Math.Round(a - b, decimals) == value));
    }

    [GeneratedRegex(@"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"^\d+(?:\.\d+)?$")]
    private static partial Regex PlainNumber();
}
