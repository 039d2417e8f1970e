using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Search;
using Microsoft.Extensions.Logging;

namespace ChatAnalyst.Knowledge.Text;

/// <summary>
/// Chinese names of the unit words news prose uses after a figure ("yuan" → 元, "tonnes" → 吨), read from
/// <c>knowledge/units-zh.csv</c> (<c>zh,en</c>, the glossary's format). Data, not code: a missing file means figures
/// keep their English unit.
/// </summary>
public sealed class UnitNames
{
    private readonly List<KeyValuePair<string, string>> _byEnglish;

    public UnitNames(KnowledgePaths paths, ILogger<UnitNames> logger)
        : this(BilingualGlossary.Load(paths?.UnitNames ?? throw new ArgumentNullException(nameof(paths)), logger))
    {
    }

    public UnitNames(IEnumerable<KeyValuePair<string, string>> zhToEnglish)
    {
        // Longest English names first, so "kilowatt-hours" is found before "kilowatts" could claim part of it.
        _byEnglish = zhToEnglish.Select(e => new KeyValuePair<string, string>(e.Value, e.Key))
            .OrderByDescending(e => e.Key.Length)
            .ToList();
    }

    public static UnitNames Empty { get; } = new([]);

    /// <summary>
    /// The English names of the units a question asks in ("how many tonnes", "多少吨", "in kilowatts"): every English name
    /// of each unit it names, so "tons" also finds "tonnes". A Chinese name counts after 多少 or 几 (with a scale such as
    /// 万 or 亿 between), where it cannot be part of another word.
    /// </summary>
    public IReadOnlyList<string> WantedIn(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var chinese = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (english, zh) in _byEnglish)
        {
            if (Regex.IsMatch(question, @"(?<![\w-])" + Regex.Escape(english) + @"(?![\w-])", RegexOptions.IgnoreCase)
                || Regex.IsMatch(question, "(?:多少|几)[百千万亿]*" + Regex.Escape(zh)))
            {
                chinese.Add(zh);
            }
        }

        // A longer Chinese name holds a shorter one (千瓦时 holds 千瓦): keep the longest.
        chinese.RemoveWhere(zh => chinese.Any(other => other.Length > zh.Length && other.Contains(zh, StringComparison.Ordinal)));
        return _byEnglish.Where(e => chinese.Contains(e.Value)).Select(e => e.Key).ToList();
    }

    /// <summary>Whether an English unit name is a rate ("percentage points"), which figures in percent also answer.</summary>
    public static bool IsRate(string english) => english.StartsWith("percent", StringComparison.OrdinalIgnoreCase);

    /// <summary>The unit word that <paramref name="text"/> starts with and its Chinese name, or null.</summary>
    public (string English, string Chinese)? StartOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (english, chinese) in _byEnglish)
        {
            if (text.StartsWith(english, StringComparison.OrdinalIgnoreCase)
                && (text.Length == english.Length || !char.IsLetter(text[english.Length])))
            {
                return (english, chinese);
            }
        }

        return null;
    }
}
