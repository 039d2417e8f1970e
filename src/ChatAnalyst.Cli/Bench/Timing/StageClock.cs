using System.Diagnostics;

namespace ChatAnalyst.Cli.Bench.Timing;

/// <summary>
/// Time spent inside the components the bench wraps (the embedding model, the index's keyword query, the model's HTTP
/// calls), added up since the last <see cref="Reset"/>. The bench measures one thing at a time, so the sums are that
/// thing's share.
/// </summary>
internal sealed class StageClock
{
    private long _embedding;
    private long _keyword;
    private long _model;
    private int _modelCalls;
    private int _embeddingCalls;

    public TimeSpan Embedding => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _embedding));

    public TimeSpan Keyword => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _keyword));

    public TimeSpan Model => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _model));

    public int ModelCalls => Volatile.Read(ref _modelCalls);

    public int EmbeddingCalls => Volatile.Read(ref _embeddingCalls);

    public void Reset()
    {
        Interlocked.Exchange(ref _embedding, 0);
        Interlocked.Exchange(ref _keyword, 0);
        Interlocked.Exchange(ref _model, 0);
        Interlocked.Exchange(ref _modelCalls, 0);
        Interlocked.Exchange(ref _embeddingCalls, 0);
    }

    public void AddEmbedding(long started)
    {
        Interlocked.Add(ref _embedding, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _embeddingCalls);
    }

    public void AddKeyword(long started) => Interlocked.Add(ref _keyword, Stopwatch.GetTimestamp() - started);

    public void AddModel(long started)
    {
        Interlocked.Add(ref _model, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _modelCalls);
    }
}
