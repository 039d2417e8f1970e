using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatAnalyst.Orchestration.Grounding;

/// <summary>
/// Finds the numbers in English or Chinese text and normalises them, so that "9.2%", "9.2 percent" and "9.2 per cent"
/// are one value, and "1 trillion", "one trillion", "1,000 billion", "1万亿" and "一万亿" are all 1e12.
/// </summary>
public static partial class NumberReader
{
    private static readonly Dictionary<string, decimal> Scales = new(StringComparer.OrdinalIgnoreCase)
    {
        ["thousand"] = 1e3m,
        ["million"] = 1e6m,
        ["mn"] = 1e6m,
        ["billion"] = 1e9m,
        ["bn"] = 1e9m,
        ["trillion"] = 1e12m,
        ["tn"] = 1e12m,
        ["万"] = 1e4m,
        ["亿"] = 1e8m,
        ["万亿"] = 1e12m,
        ["千"] = 1e3m,
        ["百万"] = 1e6m,
        ["千万"] = 1e7m,
    };

    private static readonly string[] Months =
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ];

    /// <summary>Every number mentioned in <paramref name="text"/>.</summary>
    public static IReadOnlyList<NumberMention> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mentions = new List<NumberMention>();
        foreach (Match m in Numeral().Matches(text))
        {
            var digits = m.Groups["num"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
            if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            mentions.Add(new NumberMention(m.Value.Trim(), Expand(value, m.Groups["scale"].Value))
            {
                IsDatePart = m.Groups["scale"].Length == 0 && value is >= 1 and <= 31 && decimal.IsInteger(value)
                    && (DateAfter().IsMatch(text.AsSpan(m.Index + m.Length)) || MonthBefore().IsMatch(text.AsSpan(0, m.Index))),
            });
        }

        foreach (Match m in WordNumber().Matches(text))
        {
            if (Knowledge.Text.NumberWords.Values.TryGetValue(m.Groups["word"].Value, out var value))
            {
                mentions.Add(new NumberMention(m.Value, Expand(value, m.Groups["scale"].Value)));
            }
        }

        foreach (Match m in ChineseNumber().Matches(text))
        {
            if (TryChinese(m.Groups["num"].Value, out var value))
            {
                mentions.Add(new NumberMention(m.Value, Expand(value, m.Groups["scale"].Value)));
            }
        }

        return mentions;
    }

    /// <summary>
    /// The month numbers that the text's month names stand for ("January–November" stands for 1 and 11, so a Chinese
    /// "1—11月" is grounded by it). Only date parts may draw on these: a "5%" is not supported by "May".
    /// </summary>
    public static HashSet<decimal> MonthNumbersIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new HashSet<decimal>();
        var lower = text.ToLowerInvariant();
        for (var i = 0; i < Months.Length; i++)
        {
            if (lower.Contains(Months[i], StringComparison.Ordinal))
            {
                values.Add(i + 1);
            }
        }

        return values;
    }

    private static List<decimal> Expand(decimal value, string scaleWord)
    {
        var values = new List<decimal> { Normalize(value) };
        if (!string.IsNullOrEmpty(scaleWord) && Scales.TryGetValue(scaleWord.Trim(), out var scale))
        {
            values.Add(Normalize(value * scale));
        }

        return values;
    }

    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    private static bool TryChinese(string text, out decimal value)
    {
        value = 0;
        decimal section = 0;
        decimal digit = 0;
        foreach (var c in text)
        {
            var d = "零一二三四五六七八九".IndexOf(c, StringComparison.Ordinal);
            if (d >= 0)
            {
                digit = d;
                continue;
            }

            switch (c)
            {
                case '两':
                    digit = 2;
                    break;
                case '十':
                    section += (digit == 0 ? 1 : digit) * 10;
                    digit = 0;
                    break;
                case '百':
                    section += digit * 100;
                    digit = 0;
                    break;
                case '千':
                    section += digit * 1000;
                    digit = 0;
                    break;
                default:
                    return false;
            }
        }

        value = section + digit;
        return value > 0;
    }

    // Not after a Latin letter, digit or point ("R2", "v1.5", part of a larger number), but right after a Chinese
    // character it is a number: "增长9.2%", "为12.5万亿元" (.NET's \w would count those characters as letters), and so is
    // one written onto a currency code ("CNY122.7 billion", "RMB1.81 trillion").
    [GeneratedRegex(@"(?:(?<![A-Za-z0-9_.])|(?<=\b(?-i:[A-Z]{2,3})))(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(?<scale>万亿|百万|千万|万|亿|thousand|million|billion|trillion|mn|bn|tn)\b|\s*(?<scale>万亿|万|亿))?", RegexOptions.IgnoreCase)]
    private static partial Regex Numeral();

    [GeneratedRegex(@"^\s*(?:[—–~-]\s*\d{1,2}\s*)?[月日号]|^\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateAfter();

    [GeneratedRegex(@"\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex MonthBefore();

    [GeneratedRegex(@"\b(?<word>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)(?:[\s-]+(?<scale>thousand|million|billion|trillion))?\b", RegexOptions.IgnoreCase)]
    private static partial Regex WordNumber();

    [GeneratedRegex(@"(?<num>[零一二两三四五六七八九十百千]+)(?<scale>万亿|亿|万)")]
    private static partial Regex ChineseNumber();
}
