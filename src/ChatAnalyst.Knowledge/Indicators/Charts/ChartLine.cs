namespace ChatAnalyst.Knowledge.Indicators.Charts;

/// <summary>One line the renderer drew: the periods it joins, all of one <see cref="PeriodKind"/>.</summary>
/// <param name="Panel">The panel's title.</param>
/// <param name="Series">The series' name.</param>
/// <param name="Periods">The periods joined, in order.</param>
public sealed record ChartLine(string Panel, string Series, IReadOnlyList<Period> Periods);
