namespace ChatAnalyst.Orchestration.Grounding;

/// <summary>
/// What a body of evidence can support: the numbers it states, and the day and month numbers of its dates. A date
/// part ("1—11月", "24 May") may be supported by a month name or a publication date; any other number only by a
/// number the evidence states, so "growth of 5%" is not supported by a source that mentions May.
/// </summary>
public sealed class EvidenceNumbers
{
    /// <summary>
    /// What each evidence text supports, read once: the guard reads the same passages and series turn after turn.
    /// A pure function of the text; at most 2,048 texts, emptied when full.
    /// </summary>
    private static readonly Reading.BoundedCache<string, (decimal[] Figures, decimal[] DateParts)> Read = new(StringComparer.Ordinal, 2048);

    private readonly HashSet<decimal> _figures = [];
    private readonly HashSet<decimal> _dateParts = [];

    /// <summary>Adds the numbers and month names of <paramref name="text"/>.</summary>
    public void Add(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var (figures, dateParts) = NumbersOf(text);
        _figures.UnionWith(figures);
        _dateParts.UnionWith(dateParts);
    }

    /// <summary>The numbers <paramref name="text"/> states and its month numbers, from the cache when read before.</summary>
    internal static (decimal[] Figures, decimal[] DateParts) NumbersOf(string text)
    {
        if (!Read.TryGetValue(text, out var numbers))
        {
            numbers = (NumberReader.Read(text).SelectMany(m => m.Values).ToArray(), NumberReader.MonthNumbersIn(text).ToArray());
            Read.Add(text, numbers);
        }

        return numbers;
    }

    /// <summary>Empties the cache of texts read (tests, and the bench's first-sight figures).</summary>
    internal static void ClearCache() => Read.Clear();

    /// <summary>Adds a publication date: its year as a number, its month and day as date parts.</summary>
    public void Add(DateOnly date)
    {
        _figures.Add(date.Year);
        _dateParts.Add(date.Month);
        _dateParts.Add(date.Day);
    }

    /// <summary>
    /// Whether <paramref name="mention"/> is the difference of two figures the evidence states (a comparison's gap,
    /// "a gap of 0.5 percentage points"), recomputed at the mention's precision; or their sum, the gap between a rise
    /// and a fall ("up 1.7%" against "down 2.1%": 3.8 points apart).
    /// </summary>
    public bool SupportsDifference(NumberMention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var value = mention.Values[^1];
        var scale = mention.Text.Contains('.', StringComparison.Ordinal) ? mention.Text.Length - mention.Text.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        var figures = _figures.ToList();
        for (var i = 0; i < figures.Count; i++)
        {
            for (var j = 0; j < figures.Count; j++)
            {
                if (i != j && figures[i] > figures[j] && (Math.Round(figures[i] - figures[j], Math.Min(scale, 10)) == value || Math.Round(figures[i] + figures[j], Math.Min(scale, 10)) == value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether some figure of the evidence lies within <paramref name="tolerance"/> (relative) of the mention's value.</summary>
    public bool SupportsApproximately(NumberMention mention, decimal tolerance)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var value = mention.Values[^1];
        return value != 0 && _figures.Any(f => f != 0 && Math.Abs(f - value) <= Math.Abs(value) * tolerance);
    }

    /// <summary>Whether the evidence supports what <paramref name="mention"/> means (its scaled value when it has a scale word).</summary>
    public bool Supports(NumberMention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var value = mention.Values[^1];
        return _figures.Contains(value) || (mention.IsDatePart && (_dateParts.Contains(value) || _figures.Contains(value)));
    }
}
