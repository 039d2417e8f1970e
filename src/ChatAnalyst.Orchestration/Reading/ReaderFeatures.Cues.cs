using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// The cue patterns the reader's features look for in a candidate sentence (general words of the trade only), and the
/// look-ups worked out once per article.
/// </summary>
public sealed partial class ReaderFeatures
{
    /// <summary>
    /// Whether the sentence states the kind of quantity asked: an addition over the period ("added", "new") or a level at
    /// its end ("cumulative", "at the end of"). 1 when it does, −1 when it states only the other kind, 0 otherwise.
    /// </summary>
    private double FlowMatch(string text) => _question.Quantity switch
    {
        QuantityWanted.Addition => FlowWord().IsMatch(text) ? 1 : StockWord().IsMatch(text) ? -1 : 0,
        QuantityWanted.Level => StockWord().IsMatch(text) ? 1 : FlowWord().IsMatch(text) ? -1 : 0,
        _ => 0,
    };

    private double MeasureMatch(string text, int numbers) => _question.Measure switch
    {
        MeasureWanted.Rate => RateNumber().IsMatch(text) ? 1 : 0,
        MeasureWanted.Amount => numbers > RateNumber().Count(text) ? 1 : 0,
        _ => 0,
    };

    private double MeasureConflict(string text, int numbers) => _question.Measure switch
    {
        MeasureWanted.Rate => numbers > 0 && !RateNumber().IsMatch(text) ? 1 : 0,
        MeasureWanted.Amount => numbers > 0 && numbers == RateNumber().Count(text) ? 1 : 0,
        _ => 0,
    };

    /// <summary>
    /// Whether the sentence speaks of movement the way the question does ("why did growth slow": "blamed the slower
    /// growth on…"): 1 when it names the question's direction, −1 when it names only the other, 0 when the question
    /// names none or the sentence neither.
    /// </summary>
    private double DirectionMatch(string text)
    {
        if (_question.Direction == 0)
        {
            return 0;
        }

        var (up, down) = ChangeDirection.Words(text);
        var same = _question.Direction > 0 ? up : down;
        var other = _question.Direction > 0 ? down : up;
        return same ? 1 : other ? -1 : 0;
    }

    /// <summary>
    /// Whether the sentence states a figure in the unit the question asks in ("how many tonnes": "48.2 million
    /// deadweight tonnes"): 1 when it does, −1 when it has figures but none in that unit, 0 when no unit is asked.
    /// </summary>
    private double UnitMatch(string text, int numbers)
    {
        if (_question.Units.Count == 0 || numbers == 0)
        {
            return 0;
        }

        // Percentage points are differences of percentages: a sentence of percentages answers "by how many points".
        if (_question.Units.Any(UnitNames.IsRate) && RateNumber().IsMatch(text))
        {
            return 1;
        }

        foreach (Match figure in FigureNumber().Matches(text))
        {
            // The unit may follow a scale and one more word: "1.2 billion deadweight tonnes".
            var after = text[(figure.Index + figure.Length)..].TrimStart();
            for (var skipped = 0; skipped < 3 && after.Length > 0; skipped++)
            {
                if (_question.Units.Any(u => after.StartsWith(u, StringComparison.OrdinalIgnoreCase) && (after.Length == u.Length || !char.IsLetter(after[u.Length]))))
                {
                    return 1;
                }

                var space = after.IndexOf(' ', StringComparison.Ordinal);
                after = space < 0 ? string.Empty : after[(space + 1)..];
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether an abbreviation of two to seven letters is written out in the text as capitalised words, each giving it
    /// its first letters, small joining words allowed between them ("pta": "Port Transport Authority"; "mtw": "Ministry
    /// of Trade and Wheels"; "mofgear": "Ministry of Gears"; see <see cref="AbbreviationReader.SpelledOut"/>).
    /// </summary>
    private bool SpelledOut(string text, string entity) => SpelledOutAs(text, entity) is not null;

    /// <summary>
    /// The words that spell out the abbreviation in the text, or null: capitalised words as above, or
    /// the long form an article among the candidates defines for it ("the gadget price index (GPI)"), in any case.
    /// Lower-case words with the right initials alone are not enough: they spell many abbreviations by chance.
    /// </summary>
    private string? SpelledOutAs(string text, string entity)
    {
        if (entity.Length is < 2 or > 7 || !entity.All(char.IsAsciiLetterLower))
        {
            return null;
        }

        return _defined.TryGetValue(entity, out var longForm) && text.Contains(longForm, StringComparison.OrdinalIgnoreCase)
            ? longForm
            : AbbreviationReader.SpelledOut(text, entity);
    }

    // A number that is not a year (a year may end the sentence: "than in 2023."): a figure, a share, a count; not part of
    // a name or an ordinal ("X5", "B2", "12th").
    [GeneratedRegex(@"(?<![\w.])(?!(?:19|20)\d\d(?![\d,%]|\.\d))\d+(?:[.,]\d+)*(?![A-Za-z\d])(?:\s*(?:%|percent|per cent))?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)\s+(?:hundred|thousand|million|billion|trillion)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FigureNumber();

    [GeneratedRegex(@"\b(?:gr[eo]w(?:th|n|s)?|ris(?:e|es|en|ing)|rose|fell|fall(?:s|en|ing)?|drop(?:ped|s)?|declin(?:e|ed|es|ing)|increas(?:e|ed|es|ing)|decreas(?:e|ed|es|ing)|up|down|expand(?:ed|s)?|year[- ]on[- ]year|yoy|higher|lower|more|less)\b|增长|下降|减少|同比")]
    private static partial Regex ChangeWord();

    [GeneratedRegex(@"\d\s*(?:%|percent\b|per cent\b|percentage point)|百分之|\d\s*％")]
    private static partial Regex RateNumber();

    [GeneratedRegex(@"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b|\b(?:19|20)\d\d\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\d+\s*年|\d+\s*月")]
    private static partial Regex DateCue();

    [GeneratedRegex(@"\b(?:said|says|told|according to|announced|stated|noted|released|published|reported|showed|issued|head of|president|spokes(?:person|man|woman)|director|chairman|minister)\b|\b[A-Z]{2,}\b|\b[A-Z][a-z]+ [A-Z][a-z]+\b")]
    private static partial Regex WhoCue();

    // A question asking for a person: "who", or the role asked about ("which spokeswoman", "which analyst").
    [GeneratedRegex(@"\bwho(?:m|se)?\b|\b(?:spokes(?:person|man|woman)|director|minister|president|chair(?:man|woman|person)?|head|official|analyst|statistician|commissioner|secretary(?:-general)?|governor|economist|researcher|professor|expert|founder|executive)s?\b|谁", RegexOptions.IgnoreCase)]
    private static partial Regex PersonWanted();

    // A person named with a role: "spokeswoman Jane Roe", "Jane Roe, spokesman of", "said Jane Roe", "Jane Roe said".
    [GeneratedRegex(@"\b(?:spokes(?:person|man|woman)|director|minister|president|chair(?:man|woman|person)?|head|official|analyst|statistician|commissioner|secretary(?:-general)?|governor|economist|researcher|professor|expert|founder|executive)\s+(?:[A-Z][a-z]+\s){1,2}|\b[A-Z][a-z]+ [A-Z][a-z]+(?: [A-Z][a-z]+)?,\s+(?:a |the |an )?(?:[a-z]+\s)?(?:spokes(?:person|man|woman)|director|minister|president|chair(?:man|woman|person)?|head|official|analyst|statistician|commissioner|secretary(?:-general)?|governor|economist|researcher|professor|expert|founder|executive)|\b(?:said|told|according to)\s+[A-Z][a-z]+ [A-Z][a-z]+\b|(?<!^)\b[A-Z][a-z]+ [A-Z][a-z]+ (?:said|told|noted|stressed|added)\b")]
    private static partial Regex PersonCue();

    // Words that give a cause: "because", "blamed … on", "driven by", "thanks to".
    [GeneratedRegex(@"\b(?:because|due to|driven by|thanks to|owing to|as a result|result(?:ed|s)? (?:in|from)|led to|contribut(?:ed|ion)|attributed|pointed to|blam(?:e|es|ed)|behind|reasons?|caused?|on the back of|weigh(?:s|ed)? on|dragged|hit by|hurt by|boost(?:ed)?|helped|supported by)\b|因为|由于|得益于|原因|带动|拉动", RegexOptions.IgnoreCase)]
    private static partial Regex CauseCue();

    // Words that only report or read a figure ("said", "reflects", "amid"): an explanation may stand in such a sentence.
    [GeneratedRegex(@"\b(?:reflect(?:s|ed|ing)?|indicat(?:es|ed|ing)|show(?:s|ed|ing)? that|suggest(?:s|ed)?|signal(?:s|led|ed)?|amid|support(?:ed)?|mainly|largely|expected|said)\b|表明|显示", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionCue();

    [GeneratedRegex(@"\b(?:add|adds|added|adding|addition|additions|new|newly)\b|新增", RegexOptions.IgnoreCase)]
    private static partial Regex FlowWord();

    [GeneratedRegex(@"\b(?:cumulative|cumulatively|in total|installed base|at the end of|stood at|on hand|in operation)\b|累计", RegexOptions.IgnoreCase)]
    private static partial Regex StockWord();

    private static double NumberNear(string text, string key)
    {
        // No word can start with the key when the text does not hold it.
        var lower = text.ToLowerInvariant();
        if (!lower.Contains(key, StringComparison.Ordinal))
        {
            return 0;
        }

        var words = lower.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if (!words[i].StartsWith(key, StringComparison.Ordinal))
            {
                continue;
            }

            for (var j = Math.Max(0, i - 6); j < Math.Min(words.Length, i + 7); j++)
            {
                if (FigureNumber().IsMatch(words[j]))
                {
                    return 1;
                }
            }
        }

        return 0;
    }
}
