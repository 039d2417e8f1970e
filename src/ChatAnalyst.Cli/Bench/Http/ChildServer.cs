using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ChatAnalyst.Bot;

namespace ChatAnalyst.Cli.Bench.Http;

/// <summary>
/// A server the bench starts as a process of its own, so its start-up time and memory are its own: the real bot
/// (<c>ChatAnalyst.Bot.dll</c>, as deployed) or the bench's echo bot (<c>chatanalyst bench echo-bot</c>), on a free
/// loopback port, in Development (anonymous, loopback only).
/// </summary>
internal sealed class ChildServer : IAsyncDisposable
{
    private static readonly string[] InheritedHostSettings = ["ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    private readonly Process _process;
    private readonly long _started;
    private readonly ConcurrentQueue<string> _output = new();

    private ChildServer(Process process, Uri address, long started)
    {
        _process = process;
        BaseAddress = address;
        _started = started;
    }

    public Uri BaseAddress { get; }

    /// <summary>
    /// The real bot on <paramref name="database"/>, its knowledge folders as configured in <paramref name="contentRoot"/>.
    /// The bench measures what a turn costs, not the abuse limits, so the per-user, per-conversation and per-address
    /// allowances are raised out of its way (its settings can still override them).
    /// </summary>
    public static ChildServer StartBot(string contentRoot, string database, IEnumerable<string> settings)
    {
        var program = Path.Combine(Path.GetDirectoryName(typeof(BotApp).Assembly.Location)!, "ChatAnalyst.Bot.dll");
        string[] unlimited =
        [
            "--ChatAnalyst:Limits:UserMessagesPerWindow=100000",
            "--ChatAnalyst:Limits:ConversationMessagesPerWindow=100000",
            "--ChatAnalyst:Limits:RequestsPerMinute=10000000",
        ];
        return Start(contentRoot, [program, "--ChatAnalyst:Knowledge:Database=" + database, .. unlimited, .. settings.Select(s => "--" + s)]);
    }

    /// <summary>The bench's echo bot: the same SDK, adapter and host, no answering.</summary>
    public static ChildServer StartEcho(string contentRoot) =>
        Start(contentRoot, [typeof(ChildServer).Assembly.Location, "bench", "echo-bot"]);

    /// <summary>Polls <c>/readyz</c> until it answers 200; returns the time since the process was started.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, "readyz"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return Stopwatch.GetElapsedTime(_started);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new InvalidOperationException($"The child server at {BaseAddress} was not ready within {timeout.TotalSeconds:F0} s"
            + (_process.HasExited ? $" (it exited with {_process.ExitCode})" : string.Empty) + ". It printed:\n" + string.Join('\n', _output.TakeLast(20)));
    }

    /// <summary>Resident set size now, in bytes (VmRSS on Linux).</summary>
    public long ResidentBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ChildServer Start(string contentRoot, IReadOnlyList<string> args)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--urls=http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        foreach (var name in InheritedHostSettings)
        {
            start.Environment.Remove(name);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = new Process { StartInfo = start };
        var started = Stopwatch.GetTimestamp();
        var child = new ChildServer(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), started);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 50)
        {
            _output.TryDequeue(out _);
        }
    }

    /// <summary>The dotnet host running this program (DOTNET_HOST_PATH under dotnet test), else dotnet on the path.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host)
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
