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
