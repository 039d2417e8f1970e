namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// Runs a store's set-up (creating its tables) once, on first use, however many calls race for it; a set-up that
/// fails is tried again by the next call. After the first success a call costs one volatile read.
/// </summary>
public sealed class RunOnce : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public bool IsDone => _done;

    public async Task RunAsync(Func<CancellationToken, Task> setUp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setUp);
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                await setUp(cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
