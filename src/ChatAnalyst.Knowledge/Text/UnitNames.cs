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

    // Built once: a question is read with them every turn. Null when the table is empty.
    private readonly Regex? _englishAsked;
    private readonly Regex? _chineseAsked;

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
        if (_byEnglish.Count > 0)
        {
            // Longest names first in each alternation, so 千瓦时 is found before 千瓦 could claim part of it.
            var english = string.Join('|', _byEnglish.Select(e => Regex.Escape(e.Key)));
            var chinese = string.Join('|', _byEnglish.Select(e => e.Value).Distinct(StringComparer.Ordinal).OrderByDescending(n => n.Length).Select(Regex.Escape));
            _englishAsked = new Regex($@"(?<![\w-])(?:{english})(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            _chineseAsked = new Regex($"(?:多少|几)[百千万亿]*(?<zh>{chinese})");
        }
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
        if (_englishAsked is null || _chineseAsked is null)
        {
            return [];
        }

        var chinese = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in _englishAsked.Matches(question))
        {
            chinese.Add(_byEnglish.First(e => e.Key.Equals(m.Value, StringComparison.OrdinalIgnoreCase)).Value);
        }

        foreach (Match m in _chineseAsked.Matches(question))
        {
            chinese.Add(m.Groups["zh"].Value);
        }

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

    /// <summary>
    /// The currency that <paramref name="text"/> ends with, written before a figure ("US$", "$", "RMB"), and its Chinese
    /// name, or null. Only symbols and upper-case codes stand before a figure; a unit word there ("3 yuan 5 …") belongs to
    /// the figure before it.
    /// </summary>
    public (string English, string Chinese)? EndOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimEnd();
        foreach (var (english, chinese) in _byEnglish)
        {
            var symbol = english.Any(c => !char.IsLetter(c)) || english.All(char.IsAsciiLetterUpper);
            if (symbol && trimmed.EndsWith(english, StringComparison.Ordinal)
                && (trimmed.Length == english.Length || !char.IsLetter(trimmed[^(english.Length + 1)])))
            {
                return (english, chinese);
            }
        }

        return null;
    }
}
