using System.Diagnostics;

namespace ChatAnalyst.Tests.Cli;

/// <summary>The CLI as a .NET tool: packed, installed into a folder of its own, run by its command name.</summary>
public sealed class CliToolTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "chatanalyst-tool", Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [Fact]
    public async Task The_packed_cli_installs_as_a_dotnet_tool_named_chatanalyst()
    {
        var packages = Path.Combine(_root, "packages");
        var tools = Path.Combine(_root, "tools");

        // README: dotnet pack src/ChatAnalyst.Cli && dotnet tool install --global ChatAnalyst.Cli. Here the build the
        // tests already made is packed, and installed from that folder alone into a tool path, not globally.
        // The tool's publish step goes to the temp folder too, not into the CLI's bin folder.
        var pack = await RunAsync(
            CliProcess.Dotnet,
            "pack",
            Path.Combine(TestPaths.RepoRoot, "src", "ChatAnalyst.Cli"),
            "--no-build",
            "-c",
            Configuration,
            "-o",
            packages,
            $"-p:PublishDir={Path.Combine(_root, "publish")}{Path.DirectorySeparatorChar}");
        await File.WriteAllTextAsync(Path.Combine(_root, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var install = await RunAsync(CliProcess.Dotnet, "tool", "install", "ChatAnalyst.Cli", "--tool-path", tools, "--configfile", Path.Combine(_root, "nuget.config"));
        var help = await RunAsync(Path.Combine(tools, "chatanalyst"), "--help");

        Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("ingest", help.Stdout, StringComparison.Ordinal);
    }

    private async Task<CliResult> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
