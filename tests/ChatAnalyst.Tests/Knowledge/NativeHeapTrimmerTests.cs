using ChatAnalyst.Bot;
using ChatAnalyst.Knowledge.Embeddings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatAnalyst.Tests.Knowledge;

public sealed class NativeHeapTrimmerTests
{
    [Fact]
    public async Task It_trims_again_and_again_while_running_and_stops_when_stopped()
    {
        var trims = 0;
        var twice = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var trimmer = new NativeHeapTrimmer(TimeSpan.FromMilliseconds(10), () =>
        {
            if (Interlocked.Increment(ref trims) == 2)
            {
                twice.SetResult();
            }
        });

        await trimmer.StartAsync(CancellationToken.None);
        await twice.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await trimmer.StopAsync(CancellationToken.None);
        var stopped = Volatile.Read(ref trims);
        await Task.Delay(100);

        Assert.True(stopped >= 2);
        Assert.Equal(stopped, Volatile.Read(ref trims));
        Assert.Equal(TimeSpan.FromSeconds(5), NativeHeapTrimmer.DefaultInterval);
    }

    [Fact]
    public async Task The_bot_runs_it()
    {
        await using var app = BotApp.Build(
        [
            "--environment=Development",
            "--urls=http://127.0.0.1:0",
            "--ChatAnalyst:Knowledge:Database=" + Path.Combine(Path.GetTempPath(), "chatanalyst-trimmer-" + Guid.NewGuid().ToString("N") + ".db"),
            "--Logging:LogLevel:Default=None",
            "--ChatAnalyst:Telemetry:Console=false",
        ]);

        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is NativeHeapTrimmer);
    }
}
