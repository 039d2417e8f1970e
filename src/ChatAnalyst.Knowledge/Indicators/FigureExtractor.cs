using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// Finds figures in prose: a number with a unit ("9.2 percent", "9.2%", "12.2903 trillion yuan", "4.25 million",
/// "780,000 PFlops", "one trillion yuan"), its qualifier, the period the sentence names, and a best-effort subject.
/// Pure and deterministic. A number without a unit is not a figure, which is what keeps years, dates, ordinals
/// ("15th year"), and numbers inside names ("A4", "Top 500", "14th Five-Year Plan") out.
/// </summary>
public sealed partial class FigureExtractor
{
    private static readonly (string Group, string Unit)[] UnitGroups =
    [
        ("yuan", "yuan"), ("usd", "USD"), ("kwh", "kWh"), ("kw", "kW"), ("gw", "GW"), ("twh", "TWh"), ("pflops", "PFlops"),
        ("eflops", "EFlops"), ("dwt", "dwt"), ("tonnes", "tonnes"), ("gbm", "GB per month"), ("gb", "GB"), ("units", "units"),
    ];

    /// <summary>Figures in every sentence of <paramref name="text"/>; <paramref name="contextPeriod"/> applies to sentences that name no period.</summary>
    public IReadOnlyList<FigureCandidate> Extract(string text, Period? contextPeriod = null) =>
        SplitSentences(text).SelectMany(s => ExtractFromSentence(s, contextPeriod)).ToList();

    /// <summary>Figures in one sentence, in order of appearance.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Instance API so the extractor is injected (and replaceable) like any other pipeline step.")]
    public IReadOnlyList<FigureCandidate> ExtractFromSentence(string sentence, Period? contextPeriod = null)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var periods = PeriodPhraseParser.FindAll(sentence);
        var taken = new bool[sentence.Length + 1];
        foreach (var p in periods)
        {
            Array.Fill(taken, true, p.Index, p.Length);
        }

        var status = StatusOf(sentence);
        var results = new List<FigureCandidate>();
        string? previousSubject = null;
        foreach (Match m in NumberPattern().Matches(sentence))
        {
            if (taken[m.Index])
            {
                continue;
            }

            var isWord = m.Groups["word"].Success;
            var value = isWord ? Text.NumberWords.Values[m.Groups["word"].Value].ToString(CultureInfo.InvariantCulture) : m.Groups["num"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
            var end = m.Index + m.Length;
            var after = sentence[end..];
            var before = sentence[..m.Index];

            var currency = CurrencyPrefix().Match(before);
            string? prefixUnit = null;
            if (currency.Success)
            {
                prefixUnit = currency.Groups["cur"].Value is "RMB" or "CNY" or "¥" or "￥" ? "yuan" : "USD";
                before = before[..currency.Index];
            }

            // Letters glued to the digits must be a unit ("100GW"); otherwise it is a name or ordinal ("A4", "14th").
            if (!isWord && after.Length > 0 && char.IsAsciiLetter(after[0]) && !UnitPattern().IsMatch(after))
            {
                continue;
            }

            var (unit, unitLength, scaled) = MatchUnit(after);
            if (isWord && !scaled)
            {
                continue;
            }

            if (prefixUnit is not null)
            {
                unit = unit is null ? prefixUnit : scaled && unit.EndsWith(" units", StringComparison.Ordinal) ? unit[..^5] + prefixUnit : unit;
            }
            else if (unit is null && m.Groups["num"].Value.Contains(',', StringComparison.Ordinal) && CountedNoun().IsMatch(after) && !PerPrefix().IsMatch(before))
            {
                // A grouped whole number before a noun ("12,000 companies") is a count; a bare "2024" never gets here.
                unit = "units";
            }

            if (unit is null)
            {
                continue;
            }

            Array.Fill(taken, true, m.Index, Math.Min(m.Length + unitLength, sentence.Length - m.Index));
            var subject = SubjectOf(sentence, m.Index, end + unitLength, unit, previousSubject);
            previousSubject = subject;
            var period = Nearest(periods, m.Index, end + unitLength) ?? contextPeriod;
            results.Add(new FigureCandidate(value, unit, QualifierOf(before), subject, period, status, MeasureOf(sentence, m.Index, end + unitLength, unit), sentence));
        }

        return results;
    }

    /// <summary>Splits prose (markdown allowed) into sentences, without breaking decimals or abbreviations like "U.S.".</summary>
    public static IReadOnlyList<string> SplitSentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(line => MarkdownPrefix().Replace(line, string.Empty).Replace("**", string.Empty, StringComparison.Ordinal).Trim())
            .Where(line => line.Length > 0 && !line.StartsWith("---", StringComparison.Ordinal))
            .SelectMany(line => SentenceBreak().Split(line))
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .ToList();
    }

    private static (string? Unit, int Length, bool Scaled) MatchUnit(string after)
    {
        var percent = PercentUnit().Match(after);
        if (percent.Success)
        {
            return (percent.Groups["pp"].Success ? "percentage points" : "%", percent.Length, false);
        }

        // A density: "470 units per 10,000 employees", "12 beds for every 1,000 residents".
        var density = Density().Match(after);
        if (density.Success)
        {
            var per = int.Parse(density.Groups["base"].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture);
            return ($"{density.Groups["thing"].Value.ToLowerInvariant()} per {per} {density.Groups["of"].Value.ToLowerInvariant()}", density.Length, false);
        }

        var chinese = ChineseUnit().Match(after);
        if (chinese.Success)
        {
            return (chinese.Groups["tr"].Success ? "trillion yuan" : "100 million yuan", chinese.Length, true);
        }

        var scale = ScaleUnit().Match(after);
        if (scale.Success)
        {
            var word = scale.Groups["scale"].Value.ToLowerInvariant() switch
            {
                "mln" => "million",
                "bn" => "billion",
                "tn" or "trn" => "trillion",
                var s => s,
            };
            return ($"{word} {UnitOf(scale) ?? "units"}", scale.Length, true);
        }

        var plain = UnitPattern().Match(after);
        if (plain.Success)
        {
            return (UnitOf(plain), plain.Length, false);
        }

        var times = TimesUnit().Match(after);
        return times.Success ? ("times", times.Length, false) : (null, 0, false);
    }

    private static string? UnitOf(Match m) => UnitGroups.Where(g => m.Groups[g.Group].Success).Select(g => g.Unit).FirstOrDefault();

    private static string? QualifierOf(string before) =>
        OverWords().IsMatch(before) ? "over" : AboutWords().IsMatch(before) ? "about" : UnderWords().IsMatch(before) ? "under" : null;

    private static string StatusOf(string sentence) =>
        TargetWords().IsMatch(sentence) ? IndicatorVocabulary.Target
        : ForecastWords().IsMatch(sentence) ? IndicatorVocabulary.Forecast
        : IndicatorVocabulary.Actual;

    private static string MeasureOf(string sentence, int index, int end, string unit)
    {
        if (unit == "%")
        {
            // What follows the number is the strongest cue ("49.7% year on year", "63.1% of the global orderbook").
            var following = sentence[Math.Min(end, sentence.Length)..];
            if (GrowthAfter().IsMatch(following))
            {
                return "yoy_growth";
            }

            if (ShareAfter().IsMatch(following))
            {
                return "share";
            }

            var clause = ClauseAround(sentence, index);
            return ShareWords().IsMatch(clause) ? "share" : GrowthWords().IsMatch(clause) ? "yoy_growth" : "level";
        }

        return unit.EndsWith("units", StringComparison.Ordinal) ? "count" : "level";
    }

    private static string ClauseAround(string sentence, int index)
    {
        var start = sentence.LastIndexOfAny([',', ';', ':', '(', '，', '；'], Math.Max(0, index - 1)) + 1;
        var stop = sentence.IndexOfAny([',', ';', ':', ')', '，', '；'], index);
        return sentence[start..(stop < 0 ? sentence.Length : stop)];
    }

    // A comparison base ("up 19% on 2023") or release date never becomes the figure's period.
    private static Period? Nearest(IReadOnlyList<PeriodMention> periods, int start, int end) =>
        periods
            .Where(p => !p.IsComparisonBase)
            .OrderBy(p => p.Index >= end ? p.Index - end : Math.Max(0, start - (p.Index + p.Length)))
            .FirstOrDefault()?.Period;

    /// <summary>
    /// The phrase the number describes: the words of its clause before the verb ("Software business revenue in China
    /// totalled …" → "Software business revenue"); for a count, the noun after it ("4.25 million registered users");
    /// inside parentheses or a bare "up 4.8%", the subject of the sentence.
    /// </summary>
    private static string SubjectOf(string sentence, int start, int end, string unit, string? previousSubject)
    {
        var open = sentence.LastIndexOf('(', Math.Max(0, start - 1));
        if (open >= 0 && sentence.IndexOf(')', open) is var close && (close < 0 || close > start) && previousSubject is not null)
        {
            return previousSubject;
        }

        var clauseStart = sentence.LastIndexOfAny([',', ';', ':', '，', '；'], Math.Max(0, start - 1)) + 1;
        var subject = Clean(BeforeVerb(sentence[clauseStart..start]));
        if (GenericSubject().IsMatch(subject) || JunkSubject().IsMatch(subject))
        {
            // "a year-on-year rise of 10.7%" describes the sentence's subject, not a "rise".
            subject = string.Empty;
        }

        if (subject.Length == 0 && unit.EndsWith("units", StringComparison.Ordinal))
        {
            var noun = FollowingNoun().Match(sentence[Math.Min(end, sentence.Length)..]);
            subject = noun.Success ? noun.Groups["noun"].Value.Trim() : string.Empty;
        }

        if (subject.Length == 0)
        {
            subject = previousSubject ?? Clean(BeforeVerb(LeadingPeriod().Replace(sentence, string.Empty)));
        }

        return subject.Length == 0 ? sentence.Trim() : subject;
    }

    private static string BeforeVerb(string clause)
    {
        var verb = Verb().Match(clause);
        return verb.Success ? clause[..verb.Index] : string.Empty;
    }

    private static string Clean(string phrase)
    {
        var s = LeadingPeriod().Replace(phrase.Trim(), string.Empty);
        s = TrailingPlace().Replace(s, string.Empty);
        s = LeadingFiller().Replace(s, string.Empty);
        return s.Trim(' ', ',', '-', '–', '—', '"', '“', '”');
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9.,\-_/])(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|\b(?<word>one|two|three|four|five|six|seven|eight|nine|ten)\b(?=\s+(?:thousand|million|billion|trillion)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(?:\s?(?:%|％)|\s*(?:percent|per\s+cent|pct)\b(?!age)|\s*(?<pp>percentage\s+points?)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex PercentUnit();

    [GeneratedRegex(@"^\s*(?<thing>[A-Za-z]+)\s+(?:for\s+every|per)\s+(?<base>10,?000|1,?000)\s+(?:[a-z]+\s+)?(?<of>employees|workers|people|residents|inhabitants)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Density();

    [GeneratedRegex(@"^\s*(?:(?<tr>万亿元?)|亿元)")]
    private static partial Regex ChineseUnit();

    private const string Units =
        @"(?<yuan>yuan|RMB|renminbi|CNY)\b|(?<usd>U\.?S\.?\s*dollars?|US\$|USD|dollars?)|(?<kwh>kilowatt[-\s]hours|kWh)\b|(?<kw>kilowatts|kW)\b" +
        @"|(?<gw>gigawatts|GW)\b|(?<twh>terawatt[-\s]hours|TWh)\b|(?<pflops>P[Ff]lops|petaflops|PFLOPS)\b|(?<eflops>E[Ff]lops|exaflops|EFLOPS)\b" +
        @"|(?<dwt>deadweight\s+(?:tonnes|tons)|dwt)\b|(?<tonnes>(?:metric\s+)?(?:tonnes|tons))\b|(?<gbm>GB\s+per\s+(?:user\s+|capita\s+)?(?:per\s+)?month)\b|(?<gb>GB)\b|(?<units>units)\b";

    [GeneratedRegex(@"^\s*(?<scale>thousand|million|billion|trillion|mln|bn|trn|tn)\b(?:\s*(?:" + Units + "))?", RegexOptions.IgnoreCase)]
    private static partial Regex ScaleUnit();

    [GeneratedRegex(@"^\s*(?:" + Units + ")", RegexOptions.IgnoreCase)]
    private static partial Regex UnitPattern();

    [GeneratedRegex(@"^\s*times\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimesUnit();

    [GeneratedRegex(@"(?<cur>US\s?\$|\$|USD|RMB|CNY|¥|￥)\s*$")]
    private static partial Regex CurrencyPrefix();

    [GeneratedRegex(@"^\s+(?!(?:19|20)\d{2}\b)[A-Za-z0-9][A-Za-z0-9-]*")]
    private static partial Regex CountedNoun();

    [GeneratedRegex(@"\bper\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PerPrefix();

    [GeneratedRegex(@"(?:\bmore\s+than|\bover|\babove|\bexceed(?:ed|ing|s)?|\bsurpass(?:ed|es|ing)?|\bin\s+excess\s+of|\bupwards\s+of|\btop(?:ped|s)|\bat\s+least|\bbeyond|超过|逾)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OverWords();

    [GeneratedRegex(@"(?:\babout|\baround|\bapproximately|\bapprox\.?|\broughly|\bsome|\bnearly|\balmost|\bclose\s+to|\ban\s+estimated|~|约|近)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex AboutWords();

    [GeneratedRegex(@"(?:\bless\s+than|\bunder|\bbelow|\bfewer\s+than|\bup\s+to|\bat\s+most|\bnot\s+exceeding|不到|低于)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex UnderWords();

    [GeneratedRegex(@"\b(?:target(?:s|ed)?|aims?\s+to|aimed\s+to|goal|plans?\s+to|seeks?\s+to|strives?\s+to|is\s+to\s+reach)\b|目标", RegexOptions.IgnoreCase)]
    private static partial Regex TargetWords();

    [GeneratedRegex(@"\b(?:expected|expects?|forecasts?|forecasted|projected|projects|predicted|predicts?|will\s+(?:reach|exceed|hit|grow|rise|top|surpass|be)|(?:is|are)\s+set\s+to|likely\s+to|estimated\s+to|outlook|expectations?)\b|预计", RegexOptions.IgnoreCase)]
    private static partial Regex ForecastWords();

    [GeneratedRegex(@"\b(?:share|accounted\s+for|accounts?\s+for|accounting\s+for|made\s+up|makes?\s+up|proportion|of\s+(?:the\s+)?(?:country's\s+|nation's\s+|industry's\s+)?(?:total|national|global|world)|percent\s+of)\b|%\s+of\b|占", RegexOptions.IgnoreCase)]
    private static partial Regex ShareWords();

    [GeneratedRegex(@"^\s*(?:year[-\s]on[-\s]year|yoy|y-o-y|higher|more|lower|less|faster|slower|from\s+a\s+year|over\s+(?:the\s+)?(?:previous|prior|same)|on\s+(?:19|20)\d{2}|increase|rise|growth|up\b|down\b)", RegexOptions.IgnoreCase)]
    private static partial Regex GrowthAfter();

    [GeneratedRegex(@"^\s*(?:of\b|share\b|stake\b|penetration\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ShareAfter();

    [GeneratedRegex(@"\b(?:grew|growth|grow|grows|rose|rise|risen|rises|increase[ds]?|up|down|fell|fall|falls|declin\w*|decreas\w*|year[-\s]on[-\s]year|yoy|y-o-y|expand\w*|jump\w*|climb\w*|year\s+earlier|more\s+than\s+a\s+year)\b|增长|同比", RegexOptions.IgnoreCase)]
    private static partial Regex GrowthWords();

    [GeneratedRegex(@"\b(?:is|was|were|are|has|have|had|reached|reach|reaches|totall?ed|totals?|stood|stands|rose|rises|grew|grows|increased|increases|jumped|climbed|fell|dropped|declined|decreased|hit|hits|amounted|accounted|accounts|made|makes|exceeded|exceeds|surpassed|surpasses|topped|tops|registered|recorded|posted|generated|earned|expanded|achieved|saw|sees|came|added|produced|completed|ranked|ranks|hold|holds|held|exported|imported|sold|shipped|built|installed|delivered|counted|consumed|issued|spent|invested|drew|took|won|contributing|contributed|passed|equalled|equaled|came|stood|remained|slipped|ran|of|at|by|to|with|up|down|over|about|around|more|nearly|approximately|some|with|for)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Verb();

    [GeneratedRegex(@"^(?:(?:in|during|for|by|as\s+of|at|from|over)\s+(?:the\s+)?(?:end\s+of\s+)?)?(?:(?:first|second|third|fourth)\s+(?:half|quarter)\s+(?:of\s+)?)?(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)(?:\s*(?:to|-|–)\s*\w+)?\s+)?(?:19|20)\d{2}\s*,?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingPeriod();

    [GeneratedRegex(@"\s+(?:in|of|across)\s+(?:china|the\s+country|mainland\s+china)\b.*$|\s+nationwide$|\s+(?:in|during|for|over)\s+(?:the\s+)?(?:period|year|first\b.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingPlace();

    [GeneratedRegex(@"^(?:and|but|while|with|meanwhile|also|its|the|a|an|china's|china|chinese)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingFiller();

    [GeneratedRegex(@"^(?<noun>(?:[A-Za-z0-9][\w-]*\s*){1,5}?)(?=\s*(?:,|\.|;|$|\b(?:in|by|at|as|across|nationwide|were|was|had|have|and|with|which|that)\b))", RegexOptions.IgnoreCase)]
    private static partial Regex FollowingNoun();

    [GeneratedRegex(@"^(?:(?:a|an|the|its|year[-\s]on[-\s]year|annual|rise|increase|growth|gain|jump|drop|decline|decrease|rate|share|total|figure)\s*)*$", RegexOptions.IgnoreCase)]
    private static partial Regex GenericSubject();

    [GeneratedRegex(@"^(?:according|which|that|it|this|these|those|and|meaning\s+\w+|china|the\s+country)$", RegexOptions.IgnoreCase)]
    private static partial Regex JunkSubject();

    [GeneratedRegex(@"^\s*(?:#{1,6}\s+|[-*+]\s+|>\s*|\d+[.)]\s+)+")]
    private static partial Regex MarkdownPrefix();

    [GeneratedRegex(@"(?<=[.!?])(?<!\b(?:[A-Z]|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Mr|Ms|Dr|St|vs|etc|e\.g|i\.e|approx|U\.S)\.)\s+(?=[A-Z0-9""“(])|(?<=[。！？])")]
    private static partial Regex SentenceBreak();
}
