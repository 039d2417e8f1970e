using System.Text.Json.Serialization;

namespace ChatAnalyst.Orchestration.Evidence;

/// <summary>A rendered chart: PNG bytes plus the figures it draws, for the card's table. The model is told only the title and facts.</summary>
/// <param name="Title">What the chart shows and for which periods.</param>
/// <param name="Png">The image.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Facts">Every figure drawn, in the order of the series and then of their periods.</param>
public sealed record ChartImage(
    string Title,
    [property: JsonIgnore] byte[] Png,
    [property: JsonIgnore] int Width,
    [property: JsonIgnore] int Height,
    IReadOnlyList<ChartFact> Facts);
