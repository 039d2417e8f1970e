using System.Diagnostics;

namespace ChatAnalyst.Cli.Bench.Timing;

/// <summary>Innermost handler of the model's HTTP client: each request's time on the wire, for "time outside the model".</summary>
internal sealed class TimedModelHandler(StageClock clock) : DelegatingHandler
{
    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            // The body is read here, so its transfer counts as the model's time rather than ours.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        finally
        {
            clock.AddModel(started);
        }
    }
}
