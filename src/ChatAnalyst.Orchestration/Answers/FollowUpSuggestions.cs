using ChatAnalyst.Orchestration.Evidence;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>Follow-up questions suggested under an answer: other figures of the series the answer's sources hold.</summary>
public static class FollowUpSuggestions
{
    public static IReadOnlyList<string> For(CitationLedger ledger, IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(citations);
        if (citations.Count == 0)
        {
            return [];
        }

        var cited = citations.Select(c => c.DocumentId).ToHashSet(StringComparer.Ordinal);
        var figures = ledger.Items.Where(i => i.Figure is { IndicatorId.Length: > 0 }).Select(i => i.Figure!).ToList();
        return figures.Where(f => ledger.Items.Any(i => i.Figure == f && cited.Contains(i.Source.DocumentId)))
            .Select(f => $"Chart {f.Indicator}")
            .Concat(figures.Select(f => $"What was {f.Indicator} in {f.PeriodLabel}?"))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(3)
            .ToList();
    }
}
