namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>A curated indicator series, one row of <c>series.csv</c>.</summary>
/// <param name="Id">Stable slug, e.g. <c>software-revenue</c>.</param>
/// <param name="Name">English name.</param>
/// <param name="NameZh">Chinese name, if given.</param>
/// <param name="Aliases">Other names users may type, English and Chinese.</param>
/// <param name="Category">The curators' grouping, a lower-case slug (e.g. <c>industry</c>).</param>
/// <param name="Region">Where the figure applies, e.g. "China".</param>
/// <param name="Unit">One of the allowed units (<c>units.csv</c>).</param>
/// <param name="Measure">One of <see cref="IndicatorVocabulary.Measures"/>.</param>
/// <param name="Frequency">One of <see cref="IndicatorVocabulary.Frequencies"/>.</param>
public sealed record IndicatorSeries(
    string Id,
    string Name,
    string? NameZh,
    IReadOnlyList<string> Aliases,
    string Category,
    string Region,
    string Unit,
    string Measure,
    string Frequency);
