using System.Globalization;
using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>How <see cref="ComparisonWriter"/> reads a comparison question's two sides, and the patterns it reads questions and figures with (general words only).</summary>
public static partial class ComparisonWriter
{
    /// <summary>
    /// The two things compared, as the question names them, and whether it coordinates them ("A or B", "A and B"): then a
    /// word before A or after B may be shared ("cumulative A and B capacity"), so the word next to the conjunction tells
    /// the sides apart best.
    /// </summary>
    internal static (string Left, string Right, bool Coordinated)? Sides(string question)
    {
        foreach (var pattern in (Regex[])[Behind(), ApartPattern(), OrPattern(), ThanPattern(), AndPattern()])
        {
            var m = pattern.Match(question);
            if (!m.Success)
            {
                continue;
            }

            // "faster in 2024 or in 2023": the two sides are the periods.
            var years = (PeriodReader.Years(m.Groups["a"].Value), PeriodReader.Years(m.Groups["b"].Value));
            if (years is ([.., var first], [var second]) && YearOnly().IsMatch(m.Groups["b"].Value))
            {
                return (first.ToString(CultureInfo.InvariantCulture), second.ToString(CultureInfo.InvariantCulture), false);
            }

            if (Tidy(m.Groups["a"].Value) is { Length: > 0 } a && Tidy(m.Groups["b"].Value, second: true) is { Length: > 0 } b)
            {
                // "A or B", "A and B" coordinate the sides; "A than B", "A compare with B" do not.
                var coordinated = pattern == OrPattern() || pattern == AndPattern()
                    || (pattern == ApartPattern() && JointAnd().IsMatch(question[(m.Groups["a"].Index + m.Groups["a"].Length)..m.Groups["b"].Index]));
                // "A compared with B and C" sets more than two things side by side; "A compared with a year earlier", one.
                // "more than half of sales", "more than 50%": a threshold, not a second thing.
                return TimeOnly().IsMatch(b) || Threshold().IsMatch(b) || (!coordinated && JointAnd().IsMatch(b)) ? null : (a, b, coordinated);
            }
        }

        return MoreThanSides(question);
    }

    /// <summary>
    /// "How many more tonnes did the country sell to A than to B", "how much more A than B did it make", "how many more
    /// visitors came in 2010 than in 2009": the side after "than" names the other by its leading preposition (the last
    /// phrase before "than" with the same one), or, with none, the words between "more" and "than" are the first side.
    /// </summary>
    private static (string Left, string Right, bool Coordinated)? MoreThanSides(string question)
    {
        var m = MoreThan().Match(question);
        if (!m.Success)
        {
            return null;
        }

        var (rest, b) = (m.Groups["rest"].Value, m.Groups["b"].Value.Trim());
        var preposition = LeadingPreposition().Match(b);
        var at = preposition.Success ? rest.LastIndexOf(" " + preposition.Groups["p"].Value + " ", StringComparison.OrdinalIgnoreCase) : 0;
        var a = (at < 0 ? string.Empty : rest[at..]).Trim();
        a = preposition.Success ? a[Math.Min(a.Length, preposition.Groups["p"].Value.Length)..].Trim() : a;
        b = b[preposition.Length..].Trim();
        if (PeriodReader.Years(a) is [.., var first] && YearOnly().IsMatch(b) && PeriodReader.Years(b) is [var second])
        {
            return (first.ToString(CultureInfo.InvariantCulture), second.ToString(CultureInfo.InvariantCulture), false);
        }

        return Tidy(a) is { Length: > 0 } left && Tidy(b, second: true) is { Length: > 0 } right && !Threshold().IsMatch(right) && !TimeOnly().IsMatch(right)
            ? (left, right, false)
            : null;
    }

    [GeneratedRegex(@"\bhow\s+(?:much|many)\s+(?:more|less|fewer|higher|lower|bigger|larger)\s+(?<rest>[^?]{2,120}?)\s+than\s+(?<b>[^,?]{2,80}?)(?=\s*(?:[,?]|$|\b(?:did|does|do|was|were|is|are|had|has|have)\b))", RegexOptions.IgnoreCase)]
    private static partial Regex MoreThan();

    [GeneratedRegex(@"^(?<p>to|from|in|for|at|on|among|by|with|into)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingPreposition();

    private static string Tidy(string side, bool second = false)
    {
        // The verb of the question follows the second side ("did A or B add more capacity") and precedes the first ("did
        // the region add more A or B"): the second side loses it first, so it is B, not "capacity".
        var tidy = side.Trim(' ', ',', '?', ':', '–', '-');
        tidy = second ? TrailingVerb().Replace(tidy, string.Empty) : tidy;
        for (var i = 0; i < 3; i++)
        {
            tidy = LeadingFiller().Replace(tidy, string.Empty);
        }

        return TrailingVerb().Replace(tidy, string.Empty).Trim(' ', ',', '–', '-');
    }

    [GeneratedRegex(@"\bhow far (?:behind|ahead of|below|above)\s+(?<b>[^,?]{2,60}?)\s+(?:is|are|was|were)\s+(?<a>[^,?]{2,60}?)(?=\s*(?:[,?]|\bin\b|$))", RegexOptions.IgnoreCase)]
    private static partial Regex Behind();

    [GeneratedRegex(@"(?:^|[,:–]|\b(?:faster|slower|higher|lower|larger|bigger|smaller|more|less|fewer|better|worse|stronger|weaker)\b|\b(?:did|does|was|were|is|are)\b)\s*(?:in\s+\d{4}\s*,?\s*)?(?:in china\s*,?\s*|china'?s?\s+)?(?<a>[^,:?]{2,80}?)\s+(?:or|vs\.?|versus)\s+(?<b>[^,?:–—]{2,80}?)(?=\s*(?:[,?:–—]|\band\b|\bin\s+(?:19|20)\d\d|$))", RegexOptions.IgnoreCase)]
    private static partial Regex OrPattern();

    [GeneratedRegex(@"\b(?:did|does|was|were|is|are)\s+(?<a>.{2,80}?)\s+(?:grow|rise|increase|fall|expand)?\s*(?:faster|slower|more|higher|lower|less|bigger|larger)\s+than\s+(?<b>[^,?]{2,80}?)(?=\s*(?:[,?]|$|\bin\b))|\b(?<a>[^,?:]{2,80}?)\s+(?:exceed|exceeds|outpace|outpaces|beat|beats)\s+(?<b>[^,?]{2,60}?)(?=\s*(?:[,?]|$|\bin\b))|\bhow\s+(?:much|many|far)\s+(?:[a-z-]+\s+){0,2}?(?:more|bigger|larger|higher|greater|faster|lower|smaller|less|longer|shorter)\s+(?:is|are|was|were)\s+(?<a>.{2,80}?)\s+than\s+(?<b>[^,?]{2,80}?)(?=\s*(?:[,?]|$|\bin\b))|\bhow\s+(?:much|many|far)\s+(?:[a-z-]+\s+){0,2}?(?:more|bigger|larger|higher|greater|faster|slower|lower|smaller|less|fewer|longer|shorter)\s+(?:[a-z-]+\s+){0,2}?(?:did|does|do|has|have|had)\s+(?<a>[^,?]{2,80}?)\s+[a-z]+\s+than\s+(?<b>[^,?]{2,80}?)(?=\s*(?:[,?]|$|\bin\b))", RegexOptions.IgnoreCase)]
    private static partial Regex ThanPattern();

    [GeneratedRegex(@"\b(?:compare|comparing|between)\s+(?<a>[^,?]{2,80}?)\s+(?:and|with|to)\s+(?<b>[^,?–]{2,80}?)(?=\s*(?:[,?–]|\bin\s+(?:19|20)\d\d|$))", RegexOptions.IgnoreCase)]
    private static partial Regex AndPattern();

    /// <summary>"How many points apart were A and B", "how close were A and B", "how did A compare with B".</summary>
    [GeneratedRegex(@"\b(?:apart|how\s+close|how\s+different)\s+(?:were|was|are|is)\s+(?<a>[^,?]{2,80}?)\s+(?:and|from)\s+(?<b>[^,?]{2,80}?)(?=\s*(?:[,?]|$|\bin\s+(?:19|20)\d\d))|\bhow\s+(?:did|does|do)\s+(?<a>[^,?]{2,80}?)\s+(?:compare|stack\s+up)\s+(?:with|to|against)\s+(?<b>[^,?]{2,80}?)(?=\s*(?:[,?]|$|\bin\s+(?:19|20)\d\d))", RegexOptions.IgnoreCase)]
    private static partial Regex ApartPattern();

    [GeneratedRegex(@"^\s*and\s*$|\sand\s", RegexOptions.IgnoreCase)]
    private static partial Regex JointAnd();

    [GeneratedRegex(@"^(?:half|a\s+(?:half|third|quarter|fifth|tenth)|one[- ](?:half|third|quarter|fifth|tenth)|two[- ]thirds|three[- ]quarters|\d)", RegexOptions.IgnoreCase)]
    private static partial Regex Threshold();

    /// <summary>A side that is only another time ("a year earlier", "the previous month"): no second thing to compare.</summary>
    [GeneratedRegex(@"^(?:(?:a|one|the)\s+)?(?:(?:previous|prior|last|same)\b.*|(?:year|month|quarter)s?\s+(?:earlier|before|ago))$", RegexOptions.IgnoreCase)]
    private static partial Regex TimeOnly();

    [GeneratedRegex(@"^(?:which|what)\b.*?\b(?:grew|rose|was|were|is|are|had|did)\b\s*(?:faster|slower|higher|lower|larger|bigger|more|less)?\s*(?:in\s+\d{4}\s*)?(?:in china\s*)?[,:]?\s*|^(?:the|china'?s?|chinese|did|does|do|was|were|is|are|has|have|by what margin does|how much bigger is)\s+|^(?:add|added|post|posted|record|recorded|see|saw|have|had|get|got)\s+(?:more|less|the\s+\w+er)?\s*|^by\s+how\s+(?:much|many(?:\s+[a-z-]+){0,3}?)\s+(?:did|does|do|was|were|is|are|has|have|had)\s+|^(?:[a-z']+\s+){0,2}(?:more|less|fewer)\s+|^(?:with|for)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingFiller();

    [GeneratedRegex(@"\s+(?:grow|grew|rise|rose|fall|fell|increase|increased|decrease|decreased|expand|expanded|drop|dropped|decline|declined|post|posted)\b.*$|(?<!\bvalue)\s+add(?:ed)?\b.*$|\s+(?:output|shipments)?\s*(?:faster|slower|more|less|bigger|larger|higher|lower|smaller|greater)$|\s+(?:in|at the end of|by)\s+(?:(?:h[12]|q[1-4]|[a-z]+(?:-[a-z]+)?)\s+)?(?:19|20)\d\d$|\s+during\s.*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingVerb();

    /// <summary>Where a clause of a sentence ends: a comma or semicolon (not a thousands separator), "while", "whereas", "but".</summary>
    [GeneratedRegex(@"[,;](?!\d{3})|\s(?:while|whereas|but)\s")]
    internal static partial Regex ClauseBreak();

    [GeneratedRegex(@"^\s*(?:in\s+)?(?:19|20)\d\d(?:'s)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex YearOnly();

    /// <summary>From a figure to the thing it counts: "14.62 million tonnes of ", "5,572 tons of ", "$3 billion worth of ".</summary>
    [GeneratedRegex(@"^[\d.,]+\s*(?:%|[a-z$-]+\s+){0,3}(?:worth\s+)?of\s+(?:the\s+)?$")]
    private static partial Regex CountsOf();

    [GeneratedRegex(@"\b[A-Z]{2,5}\b")]
    private static partial Regex Acronym();

    [GeneratedRegex(@"[a-z]{2,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(?:rose|rise|grew|grow|growth|(?<!\b(?:made|make|makes|making)\s)up(?! to)|down|fell|increase[sd]?|decrease[sd]?|declined?|dropped|expanded|gain(?:ed)?|jumped|surged|climbed|by|rising|growing|increasing|falling|declining|expanding|y/y|yoy|chg|change)\b[^\d]{0,20}$", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeBefore();

    // A change stated as a fall ("dropped 2.1 percent", "down 3%", "a decline of 4%"), not a level reached ("fell to 3.5%").
    [GeneratedRegex(@"\b(?:down|fell|fall|falling|dropped|drop|declined|decline|declining|decreased|decrease|decreasing|shrank|shrunk|shrinking|contracted|plunged|plunging|dipped|slumped|tumbled|lost)\b(?![^\d]*\bto\b)[^\d]{0,20}$", RegexOptions.IgnoreCase)]
    private static partial Regex FallBefore();

    [GeneratedRegex(@"^\s*(?:%|percent|per cent)?\s*(?:year[- ]on[- ]year|yoy|more than|higher than|from a year|on the previous year|over the previous|growth|increase)", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeAfter();

    // At most 80 characters without a digit, a sentence break or a verb of its own (", and its share was 30 percent" is
    // no change), holding a joining word.
    [GeneratedRegex(@"^(?=[^\d.;]{0,80}$)(?!.*\b(?:is|are|was|were|be|been|has|have|had|accounted|accounting|made|making|reached|reaching|stood|standing|share|shares|proportion|total)\b).*(?:\band\b|,|\bor\b|\bwhile\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ListedAfter();

    [GeneratedRegex(@"^\s*(?:%|percent|per cent)?\s*(?:share|stake|proportion|of\s+(?:the\s+)?(?:[a-z']+\s+)?(?:total|all|overall))\b", RegexOptions.IgnoreCase)]
    private static partial Regex ShareAfter();

    [GeneratedRegex(@"\b(?:made|make|makes|making|account|accounts|accounted|accounting)\s+(?:up|for)\s+(?:about\s+|around\s+|nearly\s+|some\s+|over\s+)?$|\b(?:share|proportion)\s+of\s+(?:about\s+|around\s+|nearly\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ShareBefore();

    [GeneratedRegex(@"^\s(?<w>[a-z][a-z-]{1,24})\b(?!-)")]
    private static partial Regex CountedWord();

    // "2.6 percentage points lower than", "0.9 percentage point from", "3 points higher than"; not a level in points ("52
    // points from 50").
    [GeneratedRegex(@"^\s*(?:percentage[\s-]+points?\s+(?:[a-z]+\s+){0,2}|points?\s+(?:higher|lower|more|less|faster|slower|above|below|up|down)\s+)(?:than|from|over|on|compared)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PointsApart();

    [GeneratedRegex(@"\bper\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Per();

    // A currency symbol written onto a figure ("$164.48 billion", "US$20.4 billion").
    [GeneratedRegex(@"(?:(?<![A-Za-z])(?:US|HK))?\$$|[¥€£]$")]
    private static partial Regex CurrencyBefore();

    // A figure, not an ordinal ("ranked 12th"). A currency code written onto the figure ("CNY115.2 billion") does not hide it.
    [GeneratedRegex(@"(?:(?<![\w.])|(?<=\b(?-i:[A-Z]{2,3})))(?<n>\d+(?:,\d{3})*(?:\.\d+)?)(?![\d,.]\d|\d|(?:st|nd|rd|th)\b)(?:\s*(?<u>%|percent|per cent|million|billion|trillion|thousand)\b|(?<u>%))?", RegexOptions.IgnoreCase)]
    private static partial Regex FigurePattern();

    /// <summary>A side clause of a sentence: from ", which", ", while", "; " and the like to the next comma (not one inside a number), semicolon or the end.</summary>
    [GeneratedRegex(@"(?:,\s*(?:which|while|whereas|but|against|compared\s+with|up\s+from|down\s+from)\b|;)(?:[^,;]|(?<=\d),(?=\d))*", RegexOptions.IgnoreCase)]
    private static partial Regex SideClauses();
}
