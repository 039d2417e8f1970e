using System.Diagnostics;

namespace ChatAnalyst.Cli.Bench;

/// <summary>Latencies per named stage, in the order the stages were first timed.</summary>
internal sealed class StageTimes
{
    private readonly List<(string Stage, Latencies Times)> _stages = [];

    public IReadOnlyList<(string Stage, Latencies Times)> Stages => _stages;

    public bool Recording { get; set; } = true;

    public Latencies this[string stage] => _stages.First(s => s.Stage == stage).Times;

    public void Add(string stage, double milliseconds)
    {
        if (!Recording)
        {
            return;
        }

        var index = _stages.FindIndex(s => s.Stage == stage);
        if (index < 0)
        {
            _stages.Add((stage, new Latencies()));
            index = _stages.Count - 1;
        }

        _stages[index].Times.Add(milliseconds);
    }

    /// <summary>Runs <paramref name="action"/>, records its time under <paramref name="stage"/> and returns its result.</summary>
    public async Task<T> TimeAsync<T>(string stage, Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var started = Stopwatch.GetTimestamp();
        var result = await action();
        Add(stage, Latencies.Since(started));
        return result;
    }

    public T Time<T>(string stage, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var started = Stopwatch.GetTimestamp();
        var result = action();
        Add(stage, Latencies.Since(started));
        return result;
    }
}
