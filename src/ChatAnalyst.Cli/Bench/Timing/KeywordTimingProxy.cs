using System.Diagnostics;
using System.Reflection;
using ChatAnalyst.Knowledge.Storage;

namespace ChatAnalyst.Cli.Bench.Timing;

/// <summary>
/// Wraps whichever <see cref="IKnowledgeIndex"/> is configured and adds the time of its keyword queries (methods named
/// <c>Keyword…</c>) to the <see cref="StageClock"/>. A proxy rather than a hand-written decorator, so the bench does
/// not break when the index contract gains members.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives a class from it at run time.
internal class KeywordTimingProxy : DispatchProxy
#pragma warning restore CA1852
{
    private IKnowledgeIndex _inner = null!;
    private StageClock _clock = null!;

    public static IKnowledgeIndex Wrap(IKnowledgeIndex inner, StageClock clock)
    {
        var proxy = Create<IKnowledgeIndex, KeywordTimingProxy>();
        var self = (KeywordTimingProxy)(object)proxy;
        self._inner = inner;
        self._clock = clock;
        return proxy;
    }

    /// <inheritdoc/>
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (!targetMethod.Name.StartsWith("Keyword", StringComparison.Ordinal))
        {
            return Call(targetMethod, args);
        }

        var started = Stopwatch.GetTimestamp();
        var result = Call(targetMethod, args);
        if (result is Task task)
        {
            // Recorded when the query completes, before its caller resumes; the caller gets the original task.
            task.ContinueWith(_ => _clock.AddKeyword(started), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            _clock.AddKeyword(started);
        }

        return result;
    }

    private object? Call(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
