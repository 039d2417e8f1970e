using System.IO.Compression;
using System.Reflection;

namespace ChatAnalyst.Cli.Teams;

/// <summary>
/// Builds the Teams app package: <c>manifest.json</c> (from <c>src/ChatAnalyst.Bot/appPackage</c>, embedded in the
/// CLI so the installed tool can build it too) with its placeholders filled, and the two icons, at the zip's root.
/// </summary>
public static class TeamsAppPackage
{
    public const string AppIdPlaceholder = "${{TEAMS_APP_ID}}";
    public const string BotIdPlaceholder = "${{BOT_ID}}";
    public const string DeveloperUrlPlaceholder = "${{DEVELOPER_URL}}";

    /// <summary>The files of the package, by name.</summary>
    public static IReadOnlyList<string> Files { get; } = ["manifest.json", "color.png", "outline.png"];

    /// <summary>Why these values cannot make a package, naming the option and the fix; null when they can.</summary>
    public static string? Problem(string? appId, string? developerUrl)
    {
        if (!Guid.TryParseExact(appId?.Trim(), "D", out _))
        {
            return $"--app-id '{appId}' is not a GUID: give the Azure Bot's Microsoft App ID, e.g. 00000000-0000-0000-0000-000000000000.";
        }

        return Uri.TryCreate(developerUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
            ? null
            : $"--developer-url '{developerUrl}' is not an https address (Teams requires one for the developer's web site, privacy and terms pages).";
    }

    /// <summary>
    /// Writes the package to <paramref name="zipPath"/>. The bot's Microsoft App ID (<paramref name="appId"/>, a GUID)
    /// is both the bot id and the Teams app id; <paramref name="developerUrl"/> (https) is the developer's web site, with
    /// <c>/privacy</c> and <c>/terms</c> below it. Throws <see cref="ArgumentException"/> when <see cref="Problem"/> finds one.
    /// </summary>
    public static void Write(string zipPath, string appId, string developerUrl)
    {
        ArgumentNullException.ThrowIfNull(zipPath);
        if (Problem(appId, developerUrl) is { } problem)
        {
            throw new ArgumentException(problem, nameof(appId));
        }

        var id = Guid.ParseExact(appId.Trim(), "D");
        var url = new Uri(developerUrl);
        var manifest = Read("manifest.json", reader => reader.ReadToEnd())
            .Replace(AppIdPlaceholder, id.ToString("D"), StringComparison.Ordinal)
            .Replace(BotIdPlaceholder, id.ToString("D"), StringComparison.Ordinal)
            .Replace(DeveloperUrlPlaceholder, url.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

        var folder = Path.GetDirectoryName(Path.GetFullPath(zipPath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // Replaces an earlier package at the same path.
        using var file = File.Create(zipPath);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open()))
        {
            writer.Write(manifest);
        }

        foreach (var icon in Files.Skip(1))
        {
            using var target = zip.CreateEntry(icon).Open();
            using var source = Resource(icon);
            source.CopyTo(target);
        }
    }

    private static T Read<T>(string name, Func<StreamReader, T> read)
    {
        using var reader = new StreamReader(Resource(name));
        return read(reader);
    }

    private static Stream Resource(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream("appPackage/" + name)
        ?? throw new InvalidOperationException($"appPackage/{name} is not embedded in the CLI; rebuild it.");
}
