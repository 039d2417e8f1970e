namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// The figure that stands for one series, period and status class after conflicting releases are resolved:
/// <see cref="Current"/> is the latest published; <see cref="Superseded"/> are earlier releases that gave a different value, newest first.
/// </summary>
public sealed record ResolvedObservation(Observation Current, IReadOnlyList<Observation> Superseded);
