namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>What <see cref="ChartPanelRenderer"/> drew: bars or lines, and the lines with the periods they join.</summary>
internal sealed record PanelDrawing(bool IsBars, IReadOnlyList<ChartLine> Lines);
