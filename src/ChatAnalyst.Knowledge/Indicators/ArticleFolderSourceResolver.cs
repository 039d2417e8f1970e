using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// Resolves a source file name against the configured article folders (<see cref="KnowledgePaths.Sources"/>,
/// searched recursively) and reads title, url, publisher and published from the note's YAML front matter.
/// </summary>
public sealed class ArticleFolderSourceResolver : IIndicatorSourceResolver
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();

    private readonly IReadOnlyList<string> _folders;

    public ArticleFolderSourceResolver(KnowledgePaths paths)
        : this(paths?.Sources ?? throw new ArgumentNullException(nameof(paths)))
    {
    }

    public ArticleFolderSourceResolver(IReadOnlyList<string> folders)
    {
        _folders = folders;
    }

    /// <inheritdoc/>
    public async Task<IndicatorSource?> ResolveAsync(string fileName, CancellationToken cancellationToken = default)
    {
        // A bare file name only: a path would let a CSV row point outside the article folders.
        if (string.IsNullOrWhiteSpace(fileName) || fileName != Path.GetFileName(fileName) || fileName.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var folder in _folders.Where(Directory.Exists))
        {
            var path = Directory.EnumerateFiles(folder, fileName, SearchOption.AllDirectories)
                .FirstOrDefault(p => string.Equals(Path.GetFileName(p), fileName, StringComparison.Ordinal));
            if (path is not null)
            {
                var text = await File.ReadAllTextAsync(path, cancellationToken);
                return FromFrontMatter(fileName, text);
            }
        }

        return null;
    }

    internal static IndicatorSource FromFrontMatter(string fileName, string text)
    {
        var fallback = new IndicatorSource(fileName, Path.GetFileNameWithoutExtension(fileName), string.Empty, null, null);
        var yaml = ExtractFrontMatter(text);
        if (yaml is null)
        {
            return fallback;
        }

        Dictionary<string, object?>? map;
        try
        {
            map = Yaml.Deserialize<Dictionary<string, object?>>(yaml);
        }
        catch (YamlException)
        {
            // A malformed header does not make the note disappear; it only loses its metadata.
            return fallback;
        }

        if (map is null)
        {
            return fallback;
        }

        string? Scalar(string key) => map.TryGetValue(key, out var v) && v is string s && s.Trim().Length > 0 ? s.Trim() : null;

        DateOnly? published = DateOnly.TryParseExact(Scalar("published") ?? Scalar("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;
        return new IndicatorSource(
            fileName,
            Scalar("title") ?? fallback.Title,
            Scalar("source") ?? Scalar("url") ?? string.Empty,
            Scalar("publisher"),
            published);
    }

    private static string? ExtractFrontMatter(string text)
    {
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return null;
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() is "---" or "...");
        return end < 0 ? null : string.Join('\n', lines[1..end]);
    }
}
