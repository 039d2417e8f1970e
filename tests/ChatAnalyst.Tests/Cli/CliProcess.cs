using System.Diagnostics;
using System.Text;

namespace ChatAnalyst.Tests.Cli;

/// <summary>
/// Runs the real <c>chatanalyst</c> program (the build copies it beside the tests) as a child process, the way a user or
/// a script does: its exit code and its standard output and error, kept apart.
/// </summary>
internal static class CliProcess
{
    public static string Program => Path.Combine(AppContext.BaseDirectory, "chatanalyst.dll");

    /// <summary>The dotnet host running the tests; `dotnet test` names it in DOTNET_HOST_PATH.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static async Task<CliResult> RunAsync(string workingDirectory, string? input, params string[] args)
    {
        var start = new ProcessStartInfo(Dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chatanalyst {string.Join(' ', args)} did not finish within 3 minutes.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>What one run of the CLI printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
