using System.Text.Json.Serialization;

namespace ChatAnalyst.Orchestration.Evidence;

/// <summary>One figure a chart draws: a row of the chart card's table.</summary>
/// <param name="Indicator">The series' name.</param>
/// <param name="Period">The period for humans, e.g. "January–November 2025".</param>
/// <param name="Value">The value as the source gives it, with its qualifier ("over 1").</param>
/// <param name="Unit">The unit, e.g. "%".</param>
/// <param name="Status">actual or preliminary (charts draw no forecasts or targets).</param>
/// <param name="Source">Where the figure comes from; the card links it and numbers it like the answer's citations.</param>
public sealed record ChartFact(
    string Indicator,
    string Period,
    string Value,
    string Unit,
    string Status,
    [property: JsonIgnore] SourceInfo Source);
