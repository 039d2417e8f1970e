namespace ChatAnalyst.Orchestration.Evidence;

/// <summary>
/// Numbers the sources of one turn. Every tool result passes through it before the model sees it, so a
/// document keeps the same <c>[n]</c> across tools and the final answer can be checked against what was shown.
/// </summary>
public sealed class CitationLedger
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly List<SourceInfo> _sources = [];
    private readonly List<EvidenceItem> _items = [];
    private readonly List<ChartImage> _charts = [];
    private readonly HashSet<int> _described = [];

    /// <summary>Sources in citation order; <c>[1]</c> is <c>Sources[0]</c>.</summary>
    public IReadOnlyList<SourceInfo> Sources => _sources;

    /// <summary>Every numbered item the tools returned this turn.</summary>
    public IReadOnlyList<EvidenceItem> Items => _items;

    /// <summary>Charts the tools rendered this turn.</summary>
    public IReadOnlyList<ChartImage> Charts => _charts;

    /// <summary>Assigns citation numbers to a tool result and records it.</summary>
    public ToolEvidence Register(ToolEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var numbered = evidence.Items.Select(item => item with { Ref = NumberOf(item.Source) }).ToList();
        _items.AddRange(numbered);
        if (evidence.Chart is not null)
        {
            _charts.Add(evidence.Chart);
        }

        // Results are registered in call order, so "described earlier" means earlier in the prompt the model reads.
        var shownEarlier = new HashSet<int>(_described);
        _described.UnionWith(numbered.Select(i => i.Ref));
        return evidence with { Items = numbered, SourcesShownEarlier = shownEarlier };
    }

    /// <summary>The source behind citation <paramref name="number"/>, or null when no such citation was shown.</summary>
    public SourceInfo? Find(int number) => number >= 1 && number <= _sources.Count ? _sources[number - 1] : null;

    /// <summary>All evidence text shown under citation <paramref name="number"/>.</summary>
    public IEnumerable<EvidenceItem> ItemsFor(int number) => _items.Where(i => i.Ref == number);

    private int NumberOf(SourceInfo source)
    {
        if (!_numbers.TryGetValue(source.DocumentId, out var number))
        {
            _sources.Add(source);
            number = _sources.Count;
            _numbers[source.DocumentId] = number;
        }

        return number;
    }
}
