using ChatAnalyst.Tests.Indicators;
using ChatAnalyst.Tests.Teams;
using SkiaSharp;

namespace ChatAnalyst.Tests.Cli;

/// <summary><c>chatanalyst teams-package</c>, run as the real program.</summary>
public sealed class CliTeamsPackageTests : IDisposable
{
    private const string AppId = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";

    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "chatanalyst-teams-cli-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Teams_package_writes_the_manifest_and_both_icons_at_the_zip_root_with_the_ids_filled_in()
    {
        var result = await CliProcess.RunAsync(_folder, null, "teams-package", "--app-id", AppId, "--out", "ChatAnalyst.zip", "--developer-url", "https://analyst.example.org/");

        Assert.Equal(0, result.ExitCode);
        var zip = Path.Combine(_folder, "ChatAnalyst.zip");
        Assert.Contains(zip, result.Stdout, StringComparison.Ordinal);
        var package = TeamsPackageFiles.Read(zip);
        Assert.Equal(["manifest.json", "color.png", "outline.png"], package.Entries);
        Assert.Equal(AppId, (string?)package.Manifest["id"]);
        Assert.Equal(AppId, (string?)package.Manifest["bots"]![0]!["botId"]);
        Assert.Equal("https://analyst.example.org/privacy", (string?)package.Manifest["developer"]!["privacyUrl"]);
        Assert.DoesNotContain("${{", package.ManifestText, StringComparison.Ordinal);
        PngAssert.IsPng(package.Color, 192, 192);
        PngAssert.IsPng(package.Outline, 32, 32);
    }

    [Fact]
    public async Task The_outline_icon_is_a_white_glyph_on_a_transparent_background()
    {
        await CliProcess.RunAsync(_folder, null, "teams-package", "--app-id", AppId, "--out", "p.zip");

        using var outline = SKBitmap.Decode(TeamsPackageFiles.Read(Path.Combine(_folder, "p.zip")).Outline);
        var pixels = outline.Pixels;
        Assert.Contains(pixels, p => p.Alpha == 0);
        Assert.Contains(pixels, p => p.Alpha == 255);
        Assert.All(pixels.Where(p => p.Alpha > 0), p => Assert.Equal((255, 255, 255), (p.Red, p.Green, p.Blue)));
    }

    [Theory]
    [InlineData("not-a-guid", "https://example.com", "--app-id")]
    [InlineData(AppId, "http://example.com", "--developer-url")]
    public async Task Teams_package_refuses_a_bad_value_naming_the_option_and_writes_nothing(string appId, string developerUrl, string option)
    {
        var result = await CliProcess.RunAsync(_folder, null, "teams-package", "--app-id", appId, "--developer-url", developerUrl, "--out", "bad.zip");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "bad.zip")));
    }
}
