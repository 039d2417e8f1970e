namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>A figure found in a sentence by <see cref="FigureExtractor"/>.</summary>
/// <param name="Value">The number, invariant and without thousands separators ("780,000" → "780000"; "one" → "1").</param>
/// <param name="Unit">Normalised unit, e.g. "%", "trillion yuan", "billion USD", "million units", "PFlops".</param>
/// <param name="Qualifier">"over", "about", "under", or null.</param>
/// <param name="Subject">Best-effort phrase the number describes, e.g. "software business revenue".</param>
/// <param name="Period">The period the sentence names (or the context supplies), if any.</param>
/// <param name="Status">actual, forecast or target, from forward-looking wording in the sentence.</param>
/// <param name="Measure">yoy_growth, share or level, from the unit and wording.</param>
/// <param name="Sentence">The sentence it came from.</param>
public sealed record FigureCandidate(
    string Value,
    string Unit,
    string? Qualifier,
    string Subject,
    Period? Period,
    string Status,
    string Measure,
    string Sentence);
