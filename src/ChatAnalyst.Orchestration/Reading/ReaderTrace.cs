namespace ChatAnalyst.Orchestration.Reading;

/// <summary>What the reader saw in one turn: the question and every candidate with its features. Fitting reads these.</summary>
/// <param name="Question">The user's question.</param>
/// <param name="Candidates">Each candidate's text, article and feature vector, in evidence order.</param>
/// <param name="Rules">The selector's rules that applied (see <see cref="ReaderSelector"/>).</param>
public sealed record ReaderTrace(string Question, IReadOnlyList<(string Text, string DocumentId, double[] Features)> Candidates, LeadRules Rules = LeadRules.Period);

/// <summary>
/// Collects <see cref="ReaderTrace"/>s while <see cref="Enabled"/> is set; only <c>chatanalyst fit reader</c> turns it on.
/// </summary>
public sealed class ReaderTraceSink
{
    private readonly List<ReaderTrace> _traces = [];
    private readonly Lock _gate = new();

    public bool Enabled { get; set; }

    public void Add(ReaderTrace trace)
    {
        lock (_gate)
        {
            _traces.Add(trace);
        }
    }

    /// <summary>The traces collected since the last call, oldest first.</summary>
    public IReadOnlyList<ReaderTrace> Drain()
    {
        lock (_gate)
        {
            var drained = _traces.ToList();
            _traces.Clear();
            return drained;
        }
    }
}
