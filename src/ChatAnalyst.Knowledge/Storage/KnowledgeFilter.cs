namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// Restricts a search to documents published in a date range and/or carrying any of the tags.
/// Undated documents are excluded as soon as a date bound is given: they cannot be shown to fall inside it.
/// </summary>
public sealed record KnowledgeFilter(DateOnly? From = null, DateOnly? To = null, IReadOnlyList<string>? Tags = null)
{
    public static KnowledgeFilter None { get; } = new();

    public bool IsEmpty => From is null && To is null && (Tags is null || Tags.Count == 0);

    /// <summary>Whether a document with this metadata passes the filter.</summary>
    public bool Matches(DateOnly? published, IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if ((From is not null || To is not null) && published is null)
        {
            return false;
        }

        if (From is { } from && published < from)
        {
            return false;
        }

        if (To is { } to && published > to)
        {
            return false;
        }

        return Tags is null || Tags.Count == 0 || tags.Any(t => Tags.Contains(t, StringComparer.OrdinalIgnoreCase));
    }
}
