using System.Collections.Concurrent;
using Microsoft.SemanticKernel;

namespace ChatAnalyst.Tests.Orchestration;

/// <summary>
/// Watches the real kernel through Semantic Kernel's own extension point (a function invocation filter): records each
/// function that actually runs, with its arguments, and lets it run unchanged.
/// </summary>
internal sealed class FunctionCallRecorder : IFunctionInvocationFilter
{
    private readonly ConcurrentQueue<(string Name, string Arguments)> _calls = new();

    /// <summary>"Plugin-function" and its arguments as "key=value; …", in the order they started.</summary>
    public IReadOnlyList<(string Name, string Arguments)> Calls => _calls.ToList();

    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var arguments = string.Join("; ", context.Arguments.Select(a => $"{a.Key}={a.Value}"));
        _calls.Enqueue(($"{context.Function.PluginName}-{context.Function.Name}", arguments));
        await next(context);
    }
}
