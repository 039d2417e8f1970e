using System.Text.Json.Serialization;

namespace ChatAnalyst.Orchestration.Evidence;

/// <summary>A structured figure: one observation of an indicator, with everything needed to state it exactly.</summary>
/// <param name="IndicatorId">Series id, e.g. <c>software-revenue</c>; empty for figures extracted from text.</param>
/// <param name="Indicator">Human name of the series or subject.</param>
/// <param name="Value">The number exactly as the source gives it, formatted invariantly (e.g. "9.2", "12.2903").</param>
/// <param name="Unit">Unit, e.g. "%", "trillion yuan".</param>
/// <param name="Qualifier">"over", "about", "under" or null for an exact figure.</param>
/// <param name="Period">Machine period, e.g. <c>2025-01..11</c>, <c>2024</c>, <c>2024Q4</c>.</param>
/// <param name="PeriodLabel">Period for humans, e.g. "January–November 2025".</param>
/// <param name="Status">actual, preliminary, forecast or target.</param>
/// <param name="Measure">yoy_growth, level, share, count, rank or target.</param>
/// <param name="SupersededBy">When a later release revised this figure: a sentence naming the newer value and date.</param>
/// <param name="Sentence">The source sentence, for extracted figures.</param>
/// <param name="IndicatorZh">Chinese name of the series, when known, for answers in Chinese.</param>
/// <param name="Aliases">Other names of the series (from its curated row), e.g. for short follow-up suggestions; not sent to the model.</param>
public sealed record FigureFact(
    string IndicatorId,
    string Indicator,
    string Value,
    string Unit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Qualifier,
    string Period,
    string PeriodLabel,
    string Status,
    string Measure,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SupersededBy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sentence = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IndicatorZh = null,
    [property: JsonIgnore] IReadOnlyList<string>? Aliases = null);
