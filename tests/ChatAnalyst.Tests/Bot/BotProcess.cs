using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// The real bot program (the build copies it beside the tests) started as a child process, as <c>dotnet run</c> or a
/// container starts it: environment variables, command line, and what it prints. It gets a database of its own and
/// runs in Development (anonymous mode), from a working directory outside the repository.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private static readonly string[] InheritedHostSettings = ["ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    private readonly Process _process;
    private readonly string _folder;
    private readonly ConcurrentQueue<string> _output = new();

    private BotProcess(Process process, string folder)
    {
        _process = process;
        _folder = folder;
    }

    /// <summary>Lines printed so far, standard output and error together, in arrival order.</summary>
    public IReadOnlyList<string> Output => _output.ToList();

    public static BotProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "chatanalyst-bot-process", Guid.NewGuid().ToString("N"))).FullName;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChatAnalyst.Bot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in InheritedHostSettings)
        {
            start.Environment.Remove(name);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ChatAnalyst__Knowledge__Database"] = Path.Combine(folder, "bot.db");

        // The tests read what the bot prints; spans on the console would bury it.
        start.Environment["ChatAnalyst__Telemetry__Console"] = "false";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var bot = new BotProcess(process, folder);
        process.OutputDataReceived += (_, e) => bot.Add(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits for a printed line that matches; fails with everything printed when the bot exits or time runs out.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (_output.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException((_process.HasExited ? "The bot exited. " : $"No such line within {timeout}. ") + Printed);
    }

    /// <summary>Waits for the bot to exit by itself; returns its exit code, or null when it is still running at the timeout.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Everything printed so far, for a failure message.</summary>
    public string Printed => "The bot printed:\n" + string.Join("\n", _output);

    /// <summary>Polls <paramref name="url"/> until it answers 200 (true), the bot exits or time runs out (false).</summary>
    public async Task<bool> WaitForHealthAsync(Uri url, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening there (yet).
            }

            await Task.Delay(200);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
