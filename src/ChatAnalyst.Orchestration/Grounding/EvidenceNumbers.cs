namespace ChatAnalyst.Orchestration.Grounding;

/// <summary>
/// What a body of evidence can support: the numbers it states, and the day and month numbers of its dates. A date
/// part ("1—11月", "24 May") may be supported by a month name or a publication date; any other number only by a
/// number the evidence states, so "growth of 5%" is not supported by a source that mentions May.
/// </summary>
public sealed class EvidenceNumbers
{
    private readonly HashSet<decimal> _figures = [];
    private readonly HashSet<decimal> _dateParts = [];

    /// <summary>Adds the numbers and month names of <paramref name="text"/>.</summary>
    public void Add(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (var mention in NumberReader.Read(text))
        {
            _figures.UnionWith(mention.Values);
        }

        _dateParts.UnionWith(NumberReader.MonthNumbersIn(text));
    }

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
