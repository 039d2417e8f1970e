using System.Text.Json.Serialization;

namespace ChatAnalyst.Orchestration.Evaluation;

/// <summary>One line of an answers evaluation file (<c>tests/eval/answers.jsonl</c>).</summary>
public sealed record AnswerCase
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
}
