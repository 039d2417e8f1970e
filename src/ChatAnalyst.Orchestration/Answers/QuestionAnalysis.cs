using System.Globalization;
using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>
/// A question as the offline model understands it: intent, language, the subject terms (weighted, with named
/// entities marked), the period asked for, and — for follow-ups — what it inherits from the previous question.
/// </summary>
public sealed partial record QuestionAnalysis
{

    public required string Text { get; init; }

    /// <summary>The text to search with: the question, plus the previous question for follow-ups.</summary>
    public required string SearchText { get; init; }

    public required QuestionIntent Intent { get; init; }

    public required bool IsChinese { get; init; }

    /// <summary>The question asks the bot to reveal its instructions or for investment advice: always declined.</summary>
    public required bool IsRefusal { get; init; }

    /// <summary>Subject terms with weights (named entities weigh more; terms inherited by a follow-up weigh less).</summary>
    public required IReadOnlyDictionary<string, double> Terms { get; init; }

    /// <summary>Named entities (countries, companies, acronyms like 6G): an answer must mention every one of them.</summary>
    public required IReadOnlyList<string> Entities { get; init; }

    /// <summary>The period asked for, when the question (or, for a follow-up, the previous question) names one.</summary>
    public Period? Period { get; init; }

    /// <summary>Every period the question names, in order ("full-year 2024 with January–November 2025" names two).</summary>
    public IReadOnlyList<Period> Periods { get; init; } = [];

    /// <summary>How many items the question asks for ("three numbers", "both"), or 0 when it does not say.</summary>
    public int Count { get; init; }

    /// <summary>Years the question names (or inherits).</summary>
    public required IReadOnlyList<int> Years { get; init; }

    /// <summary>The text that says which measure is wanted: the question, plus the previous one for follow-ups.</summary>
    public required string MeasureText { get; init; }

    /// <summary>The question continues the previous one ("What about ...?", "And for the full year?").</summary>
    public required bool IsFollowUp { get; init; }

    /// <summary>Whether a rate (growth, share: a percentage) or an amount (how many, how much, total) is wanted, if the question says.</summary>
    public MeasureWanted Measure { get; init; }

    /// <summary>The question asks how something changed (growth, a rise or fall) rather than a level or a share.</summary>
    public bool WantsChange { get; init; }

    /// <summary>Numbers the user wrote (not years): a figure quoted in the question.</summary>
    public IReadOnlyList<string> QuotedNumbers { get; init; } = [];

    /// <summary>Whether <paramref name="text"/> states a number the user quoted.</summary>
    public bool IsQuotedIn(string text) => QuotedNumbers.Any(n => StandsAlone(text, n));

    /// <summary>English names of the units the question asks in ("how many tonnes", "多少千瓦"), or none.</summary>
    public IReadOnlyList<string> Units { get; init; } = [];

    public static QuestionAnalysis Analyze(string text, IReadOnlyList<string> earlierQuestions, BilingualGlossary glossary, UnitNames? units = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(earlierQuestions);
        ArgumentNullException.ThrowIfNull(glossary);
        var isChinese = TextTerms.IsChinese(text);
        var english = EnglishOf(text, glossary);
        var lower = english.ToLowerInvariant();
        var previous = earlierQuestions.Count > 0 ? earlierQuestions[^1] : null;
        // A follow-up of a follow-up ("And in July alone?", then "And June?") inherits what that one inherited: the earlier
        // questions back to one that names its own subject, latest first.
        for (var i = earlierQuestions.Count - 2; i >= 0 && SubjectTerms(EnglishOf(earlierQuestions[i + 1], glossary)).Count <= 1; i--)
        {
            previous += " " + earlierQuestions[i];
        }

        var previousEnglish = previous is null ? null : EnglishOf(previous, glossary);

        var ownSubject = SubjectTerms(english);
        var isFollowUp = previous is not null && (FollowUpStart().IsMatch(lower) || ownSubject.Count <= 1 || Pronoun().IsMatch(lower));
        var period = PeriodPhraseParser.FindFirst(english) ?? ChinesePeriod(text);
        var years = YearsOf(english, period);
        var intent = IntentOf(lower);
        var terms = ownSubject.ToDictionary(t => t, _ => 1.0, StringComparer.Ordinal);
        // An ordinal that is no period ("the first phase", not "the first quarter") tells one thing from its siblings.
        foreach (var ordinal in SubjectOrdinal().Matches(lower).SelectMany(m => TextTerms.ContentTerms(m.Value)))
        {
            terms.TryAdd(ordinal, 1.0);
        }

        var excluded = ExcludedTerms(lower);
        // A unit the question asks in ("how many GW") names no thing: an article writes it onto its figures ("52.83GW").
        var wantedUnits = (units ?? UnitNames.Empty).WantedIn(text);
        var entities = EntitiesIn(english).Except(excluded).Where(e => !wantedUnits.Any(u => u.Equals(e, StringComparison.OrdinalIgnoreCase))).ToList();
        if (isFollowUp)
        {
            if (intent == QuestionIntent.General)
            {
                intent = IntentOf(previousEnglish!.ToLowerInvariant());
            }

            // The new message names what changes (a subject or a period); the rest carries over from the previous question.
            var inherited = SubjectTerms(previousEnglish!);
            if (ownSubject.Count is 1 or 2 && inherited.Count >= 2 && !ownSubject.Any(inherited.Contains))
            {
                // "What about B?" after "How much A capacity did the country add?" swaps the subject's leading word
                // (A → B) and keeps the rest (capacity, add): the old word would pull in evidence naming both.
                inherited.RemoveAt(0);
            }
            var weight = ownSubject.Count > 0 ? 0.35 : 1.0;
            foreach (var term in inherited.Where(t => !terms.ContainsKey(t)))
            {
                terms[term] = weight;
            }

            if (period is null)
            {
                var inheritedPeriod = PeriodPhraseParser.FindFirst(previousEnglish!) ?? ChinesePeriod(previous!);
                var relative = inheritedPeriod is { } p ? YearlessPeriod(lower, p) : null;
                period = relative ?? inheritedPeriod;
                years = relative is { } r ? [r.Year] : YearsOf(previousEnglish!, period);
            }

            if (entities.Count == 0)
            {
                entities = EntitiesIn(previousEnglish!);
            }
        }

        foreach (var term in excluded)
        {
            terms.Remove(term);
        }

        foreach (var entity in entities)
        {
            terms[entity] = Math.Max(terms.GetValueOrDefault(entity), 2.0);
        }

        // A year the user names is part of what they ask about ("What about 2035?").
        foreach (var year in TextTerms.Years(english))
        {
            terms[year.ToString(CultureInfo.InvariantCulture)] = 1.5;
        }

        return new QuestionAnalysis
        {
            Text = text,
            SearchText = isFollowUp ? $"{english} {previousEnglish}" : english,
            MeasureText = isFollowUp && !MeasureCue().IsMatch(lower) ? $"{english} {previousEnglish}" : english,
            Intent = intent,
            IsChinese = isChinese,
            IsRefusal = RefusalPatterns.Concat(AdvicePatterns).Any(p => lower.Contains(p, StringComparison.Ordinal)),
            Terms = terms,
            Entities = entities,
            Period = period,
            Periods = PeriodPhraseParser.FindAll(english).Where(m => !m.IsComparisonBase).Select(m => m.Period).Distinct().ToList() is { Count: > 1 } several
                ? several
                : period is { } single ? [single] : [],
            Count = CountOf(lower),
            Measure = MeasureOf(isFollowUp && !MeasureCue().IsMatch(lower) ? $"{lower} {previousEnglish!.ToLowerInvariant()}" : lower),
            Quantity = QuantityOf(isFollowUp && !MeasureCue().IsMatch(lower) ? $"{lower} {previousEnglish!.ToLowerInvariant()}" : lower),
            Excluded = excluded,
            Direction = ChangeDirection.Of(isFollowUp && !MeasureCue().IsMatch(lower) ? $"{lower} {previousEnglish!.ToLowerInvariant()}" : lower),
            WantsChange = ChangeCue().IsMatch(isFollowUp && !MeasureCue().IsMatch(lower) ? $"{lower} {previousEnglish!.ToLowerInvariant()}" : lower),
            Units = wantedUnits,
            QuotedNumbers = QuotedNumber().Matches(text).Where(m => !IsYear(m.Value) && IsFigure(text, m)).Select(m => m.Value).ToList(),
            Years = years,
            IsFollowUp = isFollowUp,
        };
    }

    /// <summary>
    /// The text for the English cues: a Chinese question with the English of its terms added (the glossary's), an
    /// English one with a misspelt month before a year read as the month.
    /// </summary>
    private static string EnglishOf(string text, BilingualGlossary glossary) =>
        TextTerms.IsChinese(text) ? text + " " + string.Join(' ', glossary.EnglishTermsIn(text)) : MonthSpelling.Fix(text);

    private static MeasureWanted MeasureOf(string lower) =>
        RateCue().IsMatch(lower) ? MeasureWanted.Rate : AmountCue().IsMatch(lower) ? MeasureWanted.Amount : MeasureWanted.Any;

    private static List<string> SubjectTerms(string text) =>
        TextTerms.ContentTerms(text)
            .Where(t => !IsPeriodWord(t) && !MeasureWords.Contains(t) && !IsYear(t))
            .ToList();

    /// <summary>A word that only names a period, hyphenated ones too ("january-february", "jan-nov", "2021-2022").</summary>
    private static bool IsPeriodWord(string term) =>
        PeriodWords.Contains(term) || (term.Contains('-', StringComparison.Ordinal) && term.Split('-').All(p => PeriodWords.Contains(p) || IsYear(p)));

    private static bool IsYear(string term) => term.Length == 4 && int.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is > 1990 and < 2100;

    private static List<int> YearsOf(string text, Period? period)
    {
        var years = TextTerms.Years(text).ToList();
        if (period is { } p && !years.Contains(p.Year))
        {
            years.Add(p.Year);
        }

        return years;
    }

    /// <summary>
    /// Named entities in the question: capitalised words that are not sentence starters, acronyms and
    /// letter-digit tokens such as A4. These are what an answer cannot do without: "Country B's output" is not
    /// answered by China's.
    /// </summary>
    private static List<string> EntitiesIn(string text)
    {
        var entities = new List<string>();
        foreach (Match m in EntityToken().Matches(text))
        {
            var word = m.Value.Trim('\'').ToLowerInvariant();
            if (word.EndsWith("'s", StringComparison.Ordinal))
            {
                word = word[..^2];
            }

            var atStart = m.Index == 0 || text[..m.Index].TrimEnd().EndsWith('?') || text[..m.Index].TrimEnd().EndsWith('.');
            var isAcronymOrCode = m.Value.Any(char.IsDigit) || m.Value.Count(char.IsUpper) > 1;
            if ((!atStart || isAcronymOrCode) && !IsYear(word) && TextTerms.ContentTerms(word).Count > 0 && !NotEntities.Contains(word))
            {
                // Abbreviations are matched by what they stand for (the synonyms in knowledge/synonyms.csv).
                var folded = TextTerms.Fold(word);
                entities.Add(folded == word ? TextTerms.Stem(word) : folded);
            }
        }

        return entities.Distinct().ToList();
    }

    /// <summary>"the fourth quarter" or "December" with no year, read in the year the conversation is about.</summary>
    private static Period? YearlessPeriod(string lower, Period inherited)
    {
        var year = inherited.Year;
        // A span written without its year ("the first eight months", "Jan–Nov", "January-February") is read with the
        // previous question's year; a bare year found this way would be the appended one, so years are left to the rules below.
        // "Was that faster than in January-February?" compares with that span; the period asked is still the inherited one.
        lower = ComparedWith().Replace(lower, string.Empty);
        var bare = lower.TrimEnd('?', '？', '.', '!', ' ');
        foreach (var withYear in (string[])[$"{bare} {year}", $"{bare} of {year}"])
        {
            if (PeriodPhraseParser.FindFirst(withYear) is { Kind: not PeriodKind.Year } span && span.Year == year)
            {
                return span;
            }
        }

        var quarter = QuarterWord().Match(lower);
        if (quarter.Success)
        {
            var n = quarter.Groups["q"].Success
                ? int.Parse(quarter.Groups["q"].Value, CultureInfo.InvariantCulture)
                : Array.IndexOf(["first", "second", "third", "fourth"], quarter.Groups["ord"].Value) + 1;
            return Knowledge.Indicators.Period.ForQuarter(year, n);
        }

        var month = MonthWord().Match(lower);
        if (month.Success)
        {
            var number = Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.MonthNames, n => n.Equals(month.Value, StringComparison.OrdinalIgnoreCase)) + 1;
            return Knowledge.Indicators.Period.ForMonth(year, number);
        }

        if (YearBefore().IsMatch(lower))
        {
            return FullYear().IsMatch(lower) ? Knowledge.Indicators.Period.ForYear(year - 1) : inherited.YearEarlier();
        }

        return FullYear().IsMatch(lower) ? Knowledge.Indicators.Period.ForYear(year) : null;
    }

    private static Period? ChinesePeriod(string text)
    {
        var m = ChineseMonths().Match(text);
        if (m.Success)
        {
            var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
            var end = int.Parse(m.Groups["end"].Value, CultureInfo.InvariantCulture);
            return Knowledge.Indicators.Period.ForYearToDate(year, end);
        }

        var y = ChineseYear().Match(text);
        return y.Success ? Knowledge.Indicators.Period.ForYear(int.Parse(y.Groups["year"].Value, CultureInfo.InvariantCulture)) : null;
    }
}
