using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAnalyst.Knowledge.Search;

/// <summary>
/// Chinese → English term pairs from a CSV file (<c>zh,en</c>, header row, fields may be double-quoted).
/// Queries in Chinese are expanded with the English terms so they can reach English articles through both
/// keyword and dense search. The glossary is data, edited without a rebuild; a missing file means no expansion.
/// </summary>
public sealed class BilingualGlossary
{
    private readonly List<KeyValuePair<string, string>> _entries;

    public BilingualGlossary(KnowledgePaths paths, ILogger<BilingualGlossary> logger)
        : this(Load(paths?.Glossary ?? throw new ArgumentNullException(nameof(paths)), logger))
    {
    }

    public BilingualGlossary(IEnumerable<KeyValuePair<string, string>> entries)
    {
        // Longest Chinese terms first, so 高技术制造业 is reported before its part 制造业.
        _entries = entries
            .Where(e => e.Key.Length > 0 && e.Value.Length > 0)
            .OrderByDescending(e => e.Key.Length)
            .ToList();
    }

    public static BilingualGlossary Empty { get; } = new([]);

    public int Count => _entries.Count;

    /// <summary>English equivalents of the Chinese glossary terms found in <paramref name="text"/>, without duplicates.</summary>
    public IReadOnlyList<string> EnglishTermsIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!ChineseSegmenter.ContainsCjk(text))
        {
            return [];
        }

        return _entries
            .Where(e => text.Contains(e.Key, StringComparison.Ordinal))
            .Select(e => e.Value)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Reads a glossary CSV. Rows without both columns are skipped with a warning.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Load(string path, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        if (!File.Exists(path))
        {
            logger.LogWarning("Glossary {Path} not found; Chinese queries will not be expanded with English terms.", path);
            return [];
        }

        var entries = new List<KeyValuePair<string, string>>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = SplitCsvLine(line.TrimStart('\uFEFF'));
            if (lineNumber == 1 && fields.Count >= 2 && fields[0].Trim().Equals("zh", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (fields.Count < 2 || fields[0].Trim().Length == 0 || fields[1].Trim().Length == 0)
            {
                logger.LogWarning("Glossary {Path}:{Line}: expected two columns zh,en; row skipped.", path, lineNumber);
                continue;
            }

            entries.Add(new(fields[0].Trim(), fields[1].Trim()));
        }

        return entries;
    }

    private static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
