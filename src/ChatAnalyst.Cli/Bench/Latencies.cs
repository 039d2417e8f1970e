using System.Diagnostics;

namespace ChatAnalyst.Cli.Bench;

/// <summary>Latency samples in milliseconds, with the percentiles the table reports.</summary>
internal sealed class Latencies
{
    private readonly List<double> _samples = [];

    public int Count => _samples.Count;

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double Mean => _samples.Count == 0 ? double.NaN : _samples.Sum() / _samples.Count;

    public void Add(double milliseconds) => _samples.Add(milliseconds);

    public void Add(TimeSpan elapsed) => _samples.Add(elapsed.TotalMilliseconds);

    /// <summary>Milliseconds since <paramref name="startedTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static double Since(long startedTimestamp) => Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds;

    /// <summary>Nearest-rank percentile; NaN when nothing was measured.</summary>
    public double Percentile(double fraction)
    {
        if (_samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _samples.Order().ToList();
        var rank = (int)Math.Ceiling(fraction * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    /// <summary>"p50 / p95 ms" as the table shows it.</summary>
    public string Summary() => $"{BenchTable.Format(P50)} / {BenchTable.Format(P95)} ms";
}
