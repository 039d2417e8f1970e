using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>The cue patterns <see cref="QuestionAnalysis"/> reads a question with: general question words, no topic words.</summary>
public sealed partial record QuestionAnalysis
{
    /// <summary>Whether an addition over the period ("how much did it add", "new") or a level at its end ("cumulative") is wanted.</summary>
    public QuantityWanted Quantity { get; init; }

    /// <summary>
    /// Which way the question says the thing asked about moved: +1 up ("why did it pick up"), −1 down ("why did growth
    /// slow"), 0 when it does not say (see <see cref="ChangeDirection"/>).
    /// </summary>
    public int Direction { get; init; }

    /// <summary>
    /// What the question sets aside ("besides A and B, which …", "apart from A"): these terms are no part of the subject,
    /// and a sentence about them answers something else.
    /// </summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];

    private static List<string> ExcludedTerms(string lower) =>
        ExcludedCue().Matches(lower).SelectMany(m => TextTerms.ContentTerms(m.Groups["x"].Value)).Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"\b(?:besides|apart from|aside from|other than|except(?: for)?|excluding)\s+(?<x>[^,?;]{2,60}?)(?=\s*(?:[,?;]|$|\b(?:which|what|how|did|does|do|was|were|is|are)\b))")]
    private static partial Regex ExcludedCue();

    /// <summary>
    /// Whether the period asked is the period of the figure asked for. In "who", "when" and "why" questions it often dates
    /// an event instead ("who spoke at the January press conference", "why did output drop in 2019" answered by a sentence
    /// about the first nine months or by one that names no period), so it does not rule out sentences about other periods.
    /// </summary>
    public bool PeriodDatesFigure => Intent is not (QuestionIntent.Who or QuestionIntent.When or QuestionIntent.Explain);

    /// <summary>
    /// Whether the period named dates a report rather than (or as well as) its figures: "per the May 2007 report", "the
    /// ministry's January 2025 release", "according to the agency in January 2008". An article published in that period
    /// then meets it, whatever period its figures cover.
    /// </summary>
    public bool PeriodDatesSource => SourceDated().IsMatch(Text);

    [GeneratedRegex(@"\b(?:19|20)\d\d\s+(?:[a-z'-]+\s+){0,2}?(?:report|release|story|article|white\s+paper|bulletin|briefing|brief|survey|statement|press\s+conference|interview|list|yearbook|edition)\b|\b(?:according\s+to|per)\s+(?:[\w'&.-]+\s+){1,6}?(?:in|on)\s+(?:(?:early|mid|late)[- ]?)?(?:[a-z]+\.?\s+)?(?:19|20)\d\d\b", RegexOptions.IgnoreCase)]
    private static partial Regex SourceDated();

    /// <summary>
    /// Whether a number the user wrote is a figure they quote ("9.2%", "3.6 trillion", "17 investors"), not a count that
    /// frames the question ("the first 11 months", "the top 3", "over 5 years").
    /// </summary>
    private static bool IsFigure(string text, Match number) =>
        !FramingBefore().IsMatch(text[..number.Index]) && !FramingAfter().IsMatch(text[(number.Index + number.Length)..]);

    /// <summary>Whether <paramref name="number"/> stands in <paramref name="text"/> as a number of its own, not inside another ("11" in "2011").</summary>
    private static bool StandsAlone(string text, string number)
    {
        for (var i = text.IndexOf(number, StringComparison.Ordinal); i >= 0; i = text.IndexOf(number, i + 1, StringComparison.Ordinal))
        {
            var end = i + number.Length;
            var before = i > 0 && (char.IsDigit(text[i - 1]) || (i > 1 && text[i - 1] is '.' or ',' && char.IsDigit(text[i - 2])));
            var after = end < text.Length && (char.IsDigit(text[end]) || (end + 1 < text.Length && text[end] is '.' or ',' && char.IsDigit(text[end + 1])));
            if (!before && !after)
            {
                return true;
            }
        }

        return false;
    }

    private static QuantityWanted QuantityOf(string lower) =>
        AdditionCue().IsMatch(lower) ? QuantityWanted.Addition : LevelCue().IsMatch(lower) ? QuantityWanted.Level : QuantityWanted.Any;

    [GeneratedRegex(@"\b(?:add|adds|added|adding|addition|additions|new|newly)\b|新增")]
    private static partial Regex AdditionCue();

    [GeneratedRegex(@"\b(?:cumulative|in total|installed base|at the end of|on hand|in operation|have installed|has installed|installed in total)\b|累计")]
    private static partial Regex LevelCue();

    /// <summary>How many items the question asks for, from its count word ("both", "three"), or 0.</summary>
    private static int CountOf(string lower)
    {
        var m = CountWord().Match(lower);
        return !m.Success ? 0 : m.Groups[1].Value == "both" ? 2 : NumberWords.Values[m.Groups[1].Value];
    }

    private static readonly string[] RefusalPatterns =
    [
        "system prompt", "your instructions", "your prompt", "ignore previous", "ignore all", "ignore your", "disregard",
        "reveal your", "developer mode", "jailbreak", "提示词", "系统提示", "忽略之前", "忽略以上", "忽略你",
    ];

    private static readonly string[] AdvicePatterns =
    [
        "should i buy", "should i sell", "should i invest", "stock tip", "stock pick", "which stock", "which stocks",
        "buy shares", "investment advice", "price target", "worth investing", "买哪只", "投资建议", "该买", "股票推荐", "买入",
    ];

    /// <summary>Words that only say which period or that the question continues; they are not the subject.</summary>
    private static readonly HashSet<string> PeriodWords = new(StringComparer.Ordinal)
    {
        "full", "whole", "entire", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "quarter", "q1", "q2", "q3", "q4", "month", "first", "half", "end", "start", "annual", "yearly",
        "previou", "prior", "last", "same", "what", "about", "and", "too", "second", "third", "fourth", "own",
        "alone", "itself", "only", "single", "before", "earlier", "ago", "later", "after", "next", "one", "two", "three", "four", "five", "both", "top", "leader", "who",
    };

    /// <summary>Words that say which measure is wanted (growth, a comparison, "right now"); the measure is matched separately.</summary>
    private static readonly HashSet<string> MeasureWords = new(StringComparer.Ordinal)
    {
        "grew", "grow", "growth", "faster", "slower", "fast", "slow", "higher", "lower", "larger", "bigger", "smaller", "rise",
        "rose", "risen", "increase", "increas", "decrease", "fell", "fall", "right", "now", "currently",
        "today", "current", "stand", "stood", "amount", "reach", "reached", "much", "more", "less", "fewer", "compare",
        "compar", "versu", "vs", "stack", "rank", "ranked", "place", "position",
        "went", "go", "goe", "put", "book", "booked", "produce", "produced", "sit", "sat", "make", "made", "see", "seen",
        "happen", "happened", "come", "came", "look", "like", "main", "headline", "key", "overall", "number", "figure",
        "chart", "plot", "graph", "draw", "visualise", "visualize", "all", "show", "break", "down", "list", "tell", "give",
        "speed", "rate", "slow", "accelerate", "accelerat", "is", "that", "wa", "same", "against", "relative", "compared", "versus",
        // What an explain question asks for, not what it is about: "what did the bureau blame for the pickup".
        "blame", "blamed", "attribute", "attributed", "drove", "driven", "caused", "reason", "explain", "explained", "pickup",
        "slowdown",
    };

    private static readonly HashSet<string> NotEntities = new(StringComparer.Ordinal)
    {
        "ai", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "q1", "q2", "q3",
        "q4", "yoy", "y/y", "i", "ii", "iii", "iv", "v", "phase",
    };

    // "which agency", "which bureau spokeswoman": up to two words (not a verb or an article) may sit between.
    [GeneratedRegex(@"^\s*who\b|\b(which|what) (?:(?!(?:was|is|were|are|did|does|do|has|have|had|the|a|an)\b)[\w&-]+ ){0,2}(organi[sz]ation|body|agency|ministry|department|institute|institution|authority|regulator|company|companies|firm|official|person|group|bureau|administration|spokes(?:person|man|woman)|analyst|statistician|minister|commissioner|economist)\b|\baccording to whom\b|\bwho (said|says|released|published|reported)\b|谁|哪个(机构|部门|单位|公司)")]
    private static partial Regex WhoCue();


    [GeneratedRegex(@"^\s*why\b|\bwhat (drove|drives|caused|causes|explains|led to|is behind|was behind|contributed)\b|\b(reason|reasons|because)\b|\bwhat (does|did|do) .{0,80}\b(indicate|show|suggest|mean|signal|reflect)\b|\bhow (is|are|was|were) .{0,60}\b(shifting|changing|evolving)\b|\b(attribut(e|es|ed|ing)|credit(s|ed)?|blam(e|es|ed))\b.{0,80}\b(to|for|on)\b|\bhow (did|does|do) .{0,80}\bexplain\b|为什么|原因|说明了什么|意味着|归因于")]
    private static partial Regex ExplainCue();


    [GeneratedRegex(@"^\s*(is|was|are|were|did|does|do|has|have|had|can|could|will)\b|是否|吗[？?]?\s*$")]
    private static partial Regex YesNoCue();


    [GeneratedRegex(@"\b(grow|grew|growth|rise|rose|risen|fell|fall|drop|dropped|decline|declined|increase|increased|decrease|decreased|change|share|rate|percent|percentage|proportion|how fast|yoy|year on year)\b|%|增长|增速|下降|占比|比重|比例|份额|百分")]
    private static partial Regex RateCue();


    [GeneratedRegex(@"\b(grow|grew|growth|grown|rise|rose|risen|fell|fall|drop|dropped|decline|declined|increase|increased|decrease|decreased|change|changed|expand|expanded|shrink|shrank|yoy|year on year|how fast)\b|增长|增速|下降|减少")]
    private static partial Regex ChangeCue();


    [GeneratedRegex(@"\b(how many|how much|total|value|worth|size|how big|how large|volume|amount)\b|多少|总量|规模|总额")]
    private static partial Regex AmountCue();


    [GeneratedRegex(@"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")]
    private static partial Regex QuotedNumber();


    [GeneratedRegex(@"^\s*(chart|plot|graph|draw|visuali[sz]e)\b|\b(chart|plot|graph) (of|for|showing)\b|画图|图表|画出|作图")]
    private static partial Regex ChartCue();


    [GeneratedRegex(@"^\s*(what about|how about|and\b|what of|same for|now\b|那么|那|还有|以及|再看)")]
    private static partial Regex FollowUpStart();


    [GeneratedRegex(@"\b(that|those|it|its|them|this)\b|它|其中|这")]
    private static partial Regex Pronoun();


    [GeneratedRegex(@"\b(faster|slower|higher|lower|bigger|larger|smaller|greater|stronger|weaker|better|worse|steeper|sharper|deeper|quicker|more|less|fewer|margin|gap|difference|apart(?!\s+from)|how close|versus|vs\.?|compare[sd]?|comparison|stack up|outpace[sd]?|exceed(?:s|ed)?|ahead of|behind|(?<!\bno\s)longer|shorter|beat|beats|topped|trailed)\b|哪个|更快|更高|更大|相比|比较|对比")]
    private static partial Regex ComparisonCue();

    [GeneratedRegex(@"\b(?:than|compared\s+(?:with|to)|versus|vs\.?)\s.*$")]
    private static partial Regex ComparedWith();


    [GeneratedRegex(@"\b(how (much|many|big|large|fast)|size|revenue|share|rate|percent|density|capacity|number of|numbers|figures|statistics|count|total|grew|growth|rise|rose|value added|output|spending|intensity)\b|%|多少|规模|增长|增速|占比|比重|密度|收入")]
    private static partial Regex FigureCue();


    [GeneratedRegex(@"\b(which|what) (areas|fields|sectors|domains|targets|goals|priorities|sources|technologies|steps|measures|investors|backers|components)\b|\b(which|what|name the) (two|three|four|five|six|seven|eight|nine|ten)\b|\b(list|name the|break ?down|breakdown|by source|by energy source|who (are|were)|main (investors|areas|targets))\b|哪些|领域|分别")]
    private static partial Regex ListCue();


    [GeneratedRegex(@"\b(when|what (date|day|period|year|month)|which (date|day|period|year|month)|on what date|since when)\b|什么时候|何时|哪一年|哪天")]
    private static partial Regex WhenCue();


    [GeneratedRegex(@"(?<![\w])(?:[A-Z][A-Za-z&]*(?:'s)?|[A-Za-z]*\d+[A-Za-z]+|[A-Z]{2,})(?![\w])")]
    private static partial Regex EntityToken();


    [GeneratedRegex(@"(?<year>20\d\d)\s*年\s*(?:1|一)\s*[-—–至到~]\s*(?<end>\d{1,2})\s*月")]
    private static partial Regex ChineseMonths();


    [GeneratedRegex(@"\b(?:first|second|third|fourth|fifth)\b(?!\s+(?:quarter|half|\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|months?|weeks?|days?)\b)")]
    private static partial Regex SubjectOrdinal();


    [GeneratedRegex(@"\b(both|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b")]
    private static partial Regex CountWord();


    [GeneratedRegex(@"\b(gr[eo]w|growth|share|rank|size|total|how (many|big|large))|增长|增速|比重|占比|排名|规模")]
    private static partial Regex MeasureCue();


    [GeneratedRegex(@"\b(?:(?<ord>first|second|third|fourth) quarter|q(?<q>[1-4]))\b")]
    private static partial Regex QuarterWord();


    [GeneratedRegex(@"\b(year before|previous year|prior year|year earlier|a year ago|last year)\b|前一年|上一年|去年")]
    private static partial Regex YearBefore();


    [GeneratedRegex(@"\b(january|february|march|april|june|july|august|september|october|november|december)\b")]
    private static partial Regex MonthWord();


    [GeneratedRegex(@"\b(full|whole|entire) year\b|\bwhole of (the )?(previous |prior |last )?year\b|\byear as a whole\b|全年")]
    private static partial Regex FullYear();


    [GeneratedRegex(@"(?<year>20\d\d)\s*年")]
    private static partial Regex ChineseYear();

    [GeneratedRegex(@"\b(?:first|last|past|next|top|bottom|previous|recent)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex FramingBefore();

    [GeneratedRegex(@"^\s*(?:days?|weeks?|months?|quarters?|years?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FramingAfter();

    private static QuestionIntent IntentOf(string lower)
    {
        if (ChartCue().IsMatch(lower))
        {
            return QuestionIntent.Chart;
        }

        // "When did X first account for more than half…" asks for a date, whatever it compares.
        if (lower.TrimStart().StartsWith("when ", StringComparison.Ordinal))
        {
            return QuestionIntent.When;
        }

        if (WhoCue().IsMatch(lower))
        {
            return QuestionIntent.Who;
        }

        if (ExplainCue().IsMatch(lower))
        {
            return QuestionIntent.Explain;
        }

        if (ComparisonCue().IsMatch(lower))
        {
            return QuestionIntent.Comparison;
        }

        if (ListCue().IsMatch(lower))
        {
            return QuestionIntent.List;
        }

        if (WhenCue().IsMatch(lower))
        {
            return QuestionIntent.When;
        }

        if (FigureCue().IsMatch(lower))
        {
            return QuestionIntent.Figure;
        }

        return YesNoCue().IsMatch(lower) ? QuestionIntent.YesNo : QuestionIntent.General;
    }
}
