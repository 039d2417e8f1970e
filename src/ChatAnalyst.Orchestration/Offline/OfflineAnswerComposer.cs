using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;

namespace ChatAnalyst.Orchestration.Offline;

/// <summary>
/// Composes the offline model's answer from this turn's tool results. It scores every evidence sentence and figure
/// against the question's subject, entities and period, picks what fits the question type (a figure, a list, a
/// comparison, a period), states figures exactly as the source gives them with their <c>[n]</c>, and declines when
/// the evidence does not cover what was asked. It never writes a number that is not in the evidence.
/// </summary>
public sealed partial class OfflineAnswerComposer
{
    /// <summary>Weighted share of the question's subject the lead evidence must cover to count as an answer.</summary>
    private const double MinimumCoverage = 0.5;

    /// <summary>The same, weighting each term by how rare it is in the evidence: the specific words must be there.</summary>
    private const double MinimumRareCoverage = 0.6;

    /// <summary>Weighted share of the question's terms that must appear somewhere in the evidence at all.</summary>
    private const double MinimumEvidenceOverlap = 0.5;

    public string Compose(OfflineConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var question = conversation.Analysis;
        var items = conversation.Results.SelectMany(r => r.Items).Where(i => i.Ref > 0).ToList();
        if (question.IsRefusal || items.Count == 0)
        {
            return Decline(question, items);
        }

        if (question.Intent == QuestionIntent.Chart && Chart(question, conversation) is { } chart)
        {
            return chart;
        }

        var candidates = Candidates(items).ToList();
        var everything = string.Join('\n', candidates.Select(c => c.Context + " " + c.SourceText));
        var everythingTerms = candidates.SelectMany(c => c.ContextTerms).ToHashSet(StringComparer.Ordinal);

        // A named entity or a year that no evidence mentions means the knowledge base is about something else —
        // unless the question quotes a figure the evidence gives for another period ("470 — is that the 2024 figure?").
        if (question.Entities.Any(e => !Mentions(everything, everythingTerms, e))
            || (question.Years.Count > 0 && !question.Years.Any(y => everything.Contains(Year(y), StringComparison.Ordinal))))
        {
            return OtherPeriod(question, candidates) ?? Decline(question, items);
        }

        // Typos are read as the nearest word the evidence uses; question words that appear nowhere in the evidence
        // ("breakdown", "stack up") say how to answer, not what about — unless they are most of the question.
        var corrected = Correct(question.Terms, everything, everythingTerms);
        var present = corrected.Where(t => Mentions(everything, everythingTerms, t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var totalWeight = corrected.Values.Sum();
        if (present.Count == 0 || present.Values.Sum() < totalWeight * MinimumEvidenceOverlap)
        {
            return Decline(question, items);
        }

        // Years are a filter (above and per candidate), not part of the subject: every 2025 article mentions 2025.
        var terms = present.Where(t => !t.Key.All(char.IsDigit)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        if (terms.Count == 0)
        {
            terms = present;
        }

        // Rare terms say more about what is asked than words every piece of evidence shares: they rank the evidence,
        // and the most specific subject term (not a year: years are checked on their own) must be in whatever leads.
        var rarity = terms.ToDictionary(
            t => t.Key,
            t => Math.Log(1 + ((double)candidates.Count / (1 + candidates.Count(c => Mentions(c.Context, c.ContextTerms, t.Key))))),
            StringComparer.Ordinal);
        // Entities are the one thing an answer cannot do without; the rest is weighed by rarity below.
        var key = question.Entities.FirstOrDefault(e => present.ContainsKey(e));
        var scored = candidates
            .Select(c => Score(question, terms, rarity, c))
            .Where(c => c.Score > 0)
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Item.Kind == EvidenceKind.Figure ? 0 : 1)
            .ToList();
        if (question.Intent == QuestionIntent.Comparison && Compare(question, scored, terms) is { } comparison)
        {
            return comparison;
        }

        // Only evidence that covers the question — by word count and by the weight of its rarer, more specific words — can
        // lead; bonuses rank within that, they never make up for a missing subject ("solar capacity in 2025" is not
        // answered by computing capacity in 2025).
        // A Chinese question reaches the English evidence through glossary terms, several per concept (普及率: penetration,
        // popularisation, rate), so only part of them can match.
        var slack = question.IsChinese ? 0.75 : 1.0;
        scored = scored.Where(c => c.Coverage >= MinimumCoverage * slack && c.RareCoverage >= MinimumRareCoverage * slack
            && (key is null || Mentions(c.Context + " " + c.SourceText, null, key))).ToList();
        if (scored.Count == 0)
        {
            return OtherPeriod(question, candidates) ?? Decline(question, items);
        }

        // A comparison that found no matching pair is answered only by evidence that names every entity compared.
        if (question.Intent == QuestionIntent.Comparison && question.Entities.Count > 0)
        {
            scored = scored.Where(c => question.Entities.All(e => Mentions((c.Local ?? c.Context) + " " + c.SourceText, null, e))).ToList();
            if (scored.Count == 0)
            {
                return Decline(question, items);
            }
        }

        return Explain(question, scored);
    }

    /// <summary>
    /// The question quotes a figure and names a period the evidence does not cover, but a sentence on the same subject
    /// gives that very figure: the premise is corrected with the sentence, which states the figure's real period.
    /// </summary>
    private static string? OtherPeriod(OfflineQuestion question, List<Candidate> candidates)
    {
        var quoted = Numbers(question.Text).Where(n => !(n.Length == 4 && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is > 1990 and < 2100)).ToList();
        var subject = question.Terms.Keys.Where(t => !t.All(char.IsDigit)).ToList();
        if (quoted.Count == 0 || subject.Count == 0)
        {
            return null;
        }

        var match = candidates.FirstOrDefault(c => Numbers(c.Text).Intersect(quoted, StringComparer.Ordinal).Any()
            && subject.Count(t => Mentions(c.Context, c.ContextTerms, t)) >= subject.Count * MinimumCoverage
            && question.Entities.All(e => Mentions(c.Context + " " + c.SourceText, null, e)));
        if (match is null)
        {
            return null;
        }

        // (No number words here: "one" or 一 would be a figure the evidence does not hold.)
        return (question.IsChinese ? "这个数字对应的时期不同：" : "That figure is for a different period than the question says: ") + Write(question, match);
    }

    /// <summary>Follow-up suggestions: other figures from the sources the answer cited.</summary>
    public static IReadOnlyList<string> FollowUps(CitationLedger ledger, IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(citations);
        if (citations.Count == 0)
        {
            return [];
        }

        var cited = citations.Select(c => c.DocumentId).ToHashSet(StringComparer.Ordinal);
        var figures = ledger.Items.Where(i => i.Figure is { IndicatorId.Length: > 0 }).Select(i => i.Figure!).ToList();
        return figures.Where(f => ledger.Items.Any(i => i.Figure == f && cited.Contains(i.Source.DocumentId)))
            .Select(f => $"Chart {f.Indicator}")
            .Concat(figures.Select(f => $"What was {f.Indicator} in {f.PeriodLabel}?"))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(3)
            .ToList();
    }

    private string Explain(OfflineQuestion question, List<Candidate> scored)
    {
        var lead = scored[0];
        var answer = new StringBuilder();
        var used = new HashSet<string>(StringComparer.Ordinal) { lead.Text };
        var numbers = new HashSet<string>(Numbers(lead.Text), StringComparer.Ordinal);

        // "With that intensity China ranked 12th…" cannot stand alone: the sentence it points back to goes first.
        if (lead.Previous.Length > 0 && BackReference().IsMatch(lead.Text))
        {
            answer.Append(Write(question, lead with { Text = lead.Previous })).Append(' ');
            used.Add(lead.Previous);
            numbers.UnionWith(Numbers(lead.Previous));
        }

        answer.Append(Write(question, lead));

        // Say which is which when the evidence holds other readings of the same figure (revised, forecast, other period).
        if (lead.Item.Figure is { } figure)
        {
            foreach (var other in scored.Where(c => c.Item.Figure is { } f && f.IndicatorId == figure.IndicatorId && f.IndicatorId.Length > 0
                         && (f.Status != figure.Status || f.SupersededBy is not null) && f.Period == figure.Period && !used.Contains(c.Text)).Take(1))
            {
                answer.Append(' ').Append(Write(question, other));
                used.Add(other.Text);
            }
        }

        var extras = question.Count > 1 ? question.Count - 1 : question.Intent == QuestionIntent.List ? 4 : 1;
        // A comparison needs the other side's figure, which often sits in a sentence of its own that scores lower.
        var threshold = question.Intent == QuestionIntent.Comparison ? 0.3 : question.Intent == QuestionIntent.List || question.Count > 1 ? 0.6 : 0.85;
        foreach (var extra in scored.Skip(1))
        {
            if (extras == 0)
            {
                break;
            }

            var extraNumbers = Numbers(extra.Text);
            var newNumbers = extraNumbers.Where(n => !numbers.Contains(n)).ToList();
            if (!FitsPeriod(question, extra) || used.Contains(extra.Text) || extra.Score < lead.Score * threshold || extra.Coverage < MinimumCoverage
                || (extraNumbers.Count > 0 && newNumbers.Count == 0) || Overlaps(used, extra.Text))
            {
                continue;
            }

            answer.Append(' ').Append(Write(question, extra));
            used.Add(extra.Text);
            numbers.UnionWith(newNumbers);
            extras--;
        }

        return answer.ToString();
    }

    /// <summary>Supporting evidence must be about the period asked for, when the question names one.</summary>
    private static bool FitsPeriod(OfflineQuestion question, Candidate candidate)
    {
        if (question.Periods.Count == 0)
        {
            return true;
        }

        var asked = question.Periods.Select(p => p.ToString()).ToHashSet(StringComparer.Ordinal);
        if (candidate.Item.Figure is { IndicatorId.Length: > 0 } figure)
        {
            return asked.Contains(figure.Period);
        }

        var named = Knowledge.Indicators.PeriodPhraseParser.FindAll(candidate.Text).Where(m => !m.IsComparisonBase).Select(m => m.Period.ToString()).ToList();
        return named.Count == 0 || named.Any(asked.Contains);
    }

    private static string? Compare(OfflineQuestion question, List<Candidate> scored, Dictionary<string, double> terms)
    {
        // Two figures of the same kind (same measure, unit, period) that between them cover the question's subject.
        var figures = scored.Where(c => c.Item.Figure is { IndicatorId.Length: > 0 } && c.Coverage >= 0.3).ToList();
        var best = figures
            .SelectMany(a => figures.Where(b => b.Item.Figure!.IndicatorId != a.Item.Figure!.IndicatorId
                    && b.Item.Figure.Period == a.Item.Figure.Period
                    && b.Item.Figure.Unit == a.Item.Figure.Unit
                    && b.Item.Figure.Measure == a.Item.Figure.Measure
                    && JointCoverage(terms, a, b) >= MinimumCoverage
                    && question.Entities.All(e => Mentions(a.Context + " " + b.Context + " " + a.SourceText, null, e)))
                .Select(b => (A: a, B: b, Score: a.Score + b.Score + (question.Period?.ToString() == a.Item.Figure!.Period ? 1 : 0))))
            .OrderByDescending(p => p.Score)
            .FirstOrDefault();
        if (best.A is null && question.Periods.Count > 1)
        {
            return AcrossPeriods(question, figures);
        }

        if (best.A is null
            || !decimal.TryParse(best.A.Item.Figure!.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var va)
            || !decimal.TryParse(best.B.Item.Figure!.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var vb))
        {
            return null;
        }

        var (winner, loser) = va >= vb ? (best.A, best.B) : (best.B, best.A);
        var growth = winner.Item.Figure!.Measure == "yoy_growth";
        if (question.IsChinese)
        {
            var lead = va == vb ? "两者相同。" : $"{ChineseName(winner)}{(growth ? "增长更快" : "更高")}。";
            return $"{lead}{Write(question, winner)}{Write(question, loser)}";
        }

        var verdict = va == vb
            ? "Both were the same."
            : $"{Capitalize(Subject(winner.Item.Figure.Indicator))} {(growth ? "grew faster" : "was higher")}.";
        return $"{verdict} {Write(question, winner)} {Write(question, loser)}";
    }

    private static string? Chart(OfflineQuestion question, OfflineConversation conversation)
    {
        var result = conversation.Results.LastOrDefault(r => r.Chart is not null);
        if (result?.Chart is not { } chart)
        {
            return null;
        }

        var lines = result.Items.Where(i => i.Ref > 0 && i.Figure is not null).Take(8)
            .Select(i => Write(question, new Candidate(i, i.Text, string.Empty)));
        var title = question.IsChinese ? $"图表：{chart.Title}。" : $"Here is the chart: {chart.Title}.";
        return title + " " + string.Join(' ', lines);
    }

    /// <summary>One indicator in two periods the question names ("full-year 2024 with January–November 2025").</summary>
    private static string? AcrossPeriods(OfflineQuestion question, List<Candidate> figures)
    {
        var wanted = question.Periods.Select(p => p.ToString()).ToList();
        var pair = figures
            .GroupBy(c => c.Item.Figure!.IndicatorId)
            .Select(g => wanted.Select(p => g.FirstOrDefault(c => c.Item.Figure!.Period == p)).ToList())
            .FirstOrDefault(list => list.All(c => c is not null));
        if (pair is null)
        {
            return null;
        }

        return string.Join(' ', pair.Select(c => Write(question, c!)));
    }

    private static double JointCoverage(Dictionary<string, double> terms, Candidate a, Candidate b)
    {
        // Runs for every pair of figures: the two candidates' own term sets, not a fresh pass over their joined text.
        return terms.Where(t => Mentions(a.Context, a.ContextTerms, t.Key) || Mentions(b.Context, b.ContextTerms, t.Key)).Sum(t => t.Value) / terms.Values.Sum();
    }

    private static string ChineseName(Candidate c) =>
        string.IsNullOrEmpty(c.Item.Figure?.IndicatorZh) ? c.Item.Figure?.Indicator ?? c.Item.Source.Title : c.Item.Figure!.IndicatorZh!;

    /// <summary>One cited sentence: the figure in the user's language, or the source sentence as written.</summary>
    private static string Write(OfflineQuestion question, Candidate candidate)
    {
        if (question.IsChinese && candidate.Item.Figure is { IndicatorId.Length: > 0 } figure)
        {
            return ChineseFigureWriter.Sentence(figure, candidate.Item.Ref);
        }

        var text = candidate.Text.Trim();
        var marker = "[" + candidate.Item.Ref.ToString(CultureInfo.InvariantCulture) + "]";
        var cited = text.EndsWith('.') || text.EndsWith('。') ? text[..^1] + " " + marker + text[^1] : text + " " + marker + ".";
        if (candidate.Item.Figure?.SupersededBy is { Length: > 0 } superseded)
        {
            cited += " " + superseded;
        }

        return question.IsChinese ? "资料原文：" + cited : cited;
    }

    private static string Decline(OfflineQuestion question, IReadOnlyList<EvidenceItem> items) => Reading.AnswerWriter.Decline(question, items);

    /// <summary>"High-tech manufacturing value added growth" → "High-tech manufacturing value added", for "... grew faster".</summary>
    private static string Subject(string indicator) =>
        GrowthSuffix().Replace(indicator, string.Empty).Trim();

    [GeneratedRegex(@"[,\s]*\b(growth|growth rate|change)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex GrowthSuffix();

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, double> Correct(IReadOnlyDictionary<string, double> terms, string everything, HashSet<string> vocabulary)
    {
        var corrected = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (term, weight) in terms)
        {
            var key = term;
            if (!Mentions(everything, vocabulary, term) && term.Length >= 6 && !term.Any(char.IsDigit))
            {
                var cap = term.Length >= 8 ? 2 : 1;
                key = vocabulary
                    .Select(v => (Term: v, Distance: Knowledge.Text.EditDistance.Compute(term, v, cap)))
                    .Where(v => v.Distance <= cap)
                    .OrderBy(v => v.Distance)
                    .Select(v => v.Term)
                    .FirstOrDefault() ?? term;
            }

            corrected[key] = Math.Max(corrected.GetValueOrDefault(key), weight);
        }

        return corrected;
    }

    /// <summary>
    /// Whether the text mentions a term: as a word, as a prefix of a longer word ("generat" in "generation"), or for a
    /// hyphenated term, with all of its parts ("value-add" in "value added").
    /// </summary>
    private static bool Mentions(string text, HashSet<string>? terms, string term) =>
        (terms?.Contains(term) ?? false)
        || StartsWord(text, term)
        || (term.Contains('-', StringComparison.Ordinal)
            && term.Split('-', StringSplitOptions.RemoveEmptyEntries).All(part => StartsWord(text, part)));

    /// <summary>The term starts a word of the text ("book" is in "booked", not in "orderbook").</summary>
    private static bool StartsWord(string text, string term)
    {
        for (var i = text.IndexOf(term, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(term, i + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (i == 0 || !char.IsLetterOrDigit(text[i - 1]) || char.IsDigit(term[0]) != char.IsDigit(text[i - 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> Numbers(string text) => NumberPattern().Matches(text).Select(m => m.Value).ToList();

    private static bool Overlaps(HashSet<string> used, string text) =>
        used.Any(u => u.Contains(text, StringComparison.Ordinal) || text.Contains(u, StringComparison.Ordinal));

    private static IEnumerable<Candidate> Candidates(IEnumerable<EvidenceItem> items)
    {
        // Content terms of each distinct piece of text (a sentence, a title), worked out once per answer: every
        // sentence is also context of the next one, and every sentence of an article shares its title.
        var memo = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        HashSet<string> Terms(string text)
        {
            if (!memo.TryGetValue(text, out var terms))
            {
                terms = TextTerms.ContentTerms(text).ToHashSet(StringComparer.Ordinal);
                memo[text] = terms;
            }

            return terms;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.Figure is { IndicatorId.Length: > 0 } figure)
            {
                // A figure's subject is its indicator, not the article it came from.
                var context = $"{item.Text} {figure.Indicator} {figure.IndicatorZh} {figure.PeriodLabel} {figure.Period}";
                if (seen.Add(item.Text))
                {
                    yield return new Candidate(item, item.Text, TextTerms.Fold(context))
                    {
                        SourceText = TextTerms.Fold(item.Source.Title + " " + item.Source.Publisher),
                        ContextTerms = Terms(context),
                        SentenceTerms = Terms(item.Text),
                        FoldedText = TextTerms.Fold(item.Text),
                    };
                }

                continue;
            }

            // Passages and figures quoted from articles are answered with the source sentence itself.
            // The previous sentence is context too: "The fund was registered on 24 May" is about the Big Fund III named before it.
            var sentences = item.Figure?.Sentence is { Length: > 0 } quoted ? [quoted] : Sentences(item.Text).ToList();
            var previous = string.Empty;
            foreach (var sentence in sentences)
            {
                if (seen.Add(sentence))
                {
                    var sentenceTerms = Terms(sentence);
                    yield return new Candidate(item, sentence, TextTerms.Fold(previous + " " + sentence + " " + item.Source.Title))
                    {
                        SourceText = TextTerms.Fold(item.Source.Publisher ?? string.Empty),
                        Local = TextTerms.Fold(previous + " " + sentence),
                        Previous = previous,
                        ContextTerms = [.. Terms(previous), .. sentenceTerms, .. Terms(item.Source.Title)],
                        SentenceTerms = sentenceTerms,
                        FoldedText = TextTerms.Fold(sentence),
                    };
                }

                previous = sentence;
            }
        }
    }

    private static Candidate Score(OfflineQuestion question, Dictionary<string, double> terms, Dictionary<string, double> rarity, Candidate candidate)
    {
        var context = candidate.Context;
        var contextTerms = candidate.ContextTerms;
        var sentenceTerms = candidate.SentenceTerms;
        double total = 0, covered = 0, rareTotal = 0, rareCovered = 0, inSentence = 0;
        foreach (var (term, weight) in terms)
        {
            var rare = weight * rarity[term];
            total += weight;
            rareTotal += rare;
            if (Mentions(context, contextTerms, term))
            {
                covered += weight;
                rareCovered += rare;
            }

            if (Mentions(candidate.FoldedText, sentenceTerms, term))
            {
                inSentence += rare;
            }
        }

        // Coverage decides whether evidence answers at all; rarity-weighted coverage ranks the evidence that does.
        var coverage = covered / total;
        var rareCoverage = rareTotal > 0 ? rareCovered / rareTotal : coverage;
        var missingEntity = question.Entities.Any(e => !Mentions(context, null, e) && !Mentions(candidate.SourceText, null, e));
        if ((missingEntity && question.Intent != QuestionIntent.Comparison)
            || (question.Years.Count > 0 && !question.Years.Any(y => context.Contains(Year(y), StringComparison.Ordinal))))
        {
            // (A comparison names two subjects; each figure has one of them, and the pair is checked as a whole.)
            return candidate with { Score = 0, Coverage = coverage };
        }

        // The sentence itself should carry the subject, not only the article title.
        var score = (rareCovered / rareTotal) + (0.3 * inSentence / rareTotal);
        var figure = candidate.Item.Figure;
        // A rank is a figure to a rank question even though "8th" is not a number to any other.
        var hasNumber = figure is not null || HasFigure(candidate.Text)
            || (RankCue().IsMatch(question.MeasureText.ToLowerInvariant()) && Ordinal().IsMatch(candidate.Text));
        switch (question.Intent)
        {
            case QuestionIntent.Figure or QuestionIntent.Comparison:
                if (!hasNumber)
                {
                    // A figure question is not answered by a sentence without a figure ("X's figure is not given").
                    return candidate with { Score = 0, Coverage = coverage };
                }

                if (figure is null && SubjectOnlyAsBase(question, terms.Keys, candidate.Previous + " " + candidate.Text))
                {
                    // "R&D spending was 2.68% of China's GDP" gives no figure for GDP itself.
                    return candidate with { Score = 0, Coverage = coverage };
                }

                var fit = MeasureFit(question.MeasureText, figure?.Measure);
                if (fit < 0 && figure is { IndicatorId.Length: > 0 })
                {
                    // A share is not a growth rate and a level is not a rank: the wrong measure is not an answer.
                    return candidate with { Score = 0, Coverage = coverage };
                }

                score += (figure is { IndicatorId.Length: > 0 } ? 0.3 : 0.15) + (figure is null ? SentenceMeasureFit(question.MeasureText, candidate.Text) : fit);
                break;
            case QuestionIntent.When:
                score += DatePhrase().IsMatch(candidate.Text) ? 0.3 : Digit().IsMatch(candidate.Text) ? 0.1 : 0;

                // "When did … first …" is answered by the sentence that says when it first happened.
                score += FirstTime().IsMatch(question.Text) && FirstTime().IsMatch(candidate.Text) ? 0.3 : 0;
                break;
            case QuestionIntent.List:
                score += figure is null ? 0.1 : 0;
                break;
        }

        if (question.Period is { } period && figure is { IndicatorId.Length: > 0 })
        {
            if (figure.Period == period.ToString())
            {
                score += 0.3;
            }
            else if (figure.Period.Contains("..", StringComparison.Ordinal) != (period.Kind == Knowledge.Indicators.PeriodKind.YearToDate))
            {
                // January–November is not the full year, and the full year is not January–November.
                score *= 0.5;
            }
        }
        else if (question.Period is { } asked && asked.Kind != Knowledge.Indicators.PeriodKind.Year && figure is null)
        {
            // "the fourth quarter" is answered by the sentence about the fourth quarter, not by the full-year one.
            var named = Knowledge.Indicators.PeriodPhraseParser.FindAll(candidate.Text).Select(m => m.Period).ToList();
            score += named.Contains(asked) ? 0.3 : named.Any(p => p.Year == asked.Year) ? -0.15 : 0;
        }
        else if (question.Period is { } year && YearsNamed(candidate) is { Count: > 0 } years && !years.Contains(year.Year))
        {
            // "In 2022 the figure was…" does not answer for 2023, though its article (and so its context) is about 2023.
            return candidate with { Score = 0, Coverage = coverage };
        }

        // Figures quoted from articles rank just below curated ones and the sentences they came from.
        var final = score <= 0 ? 0 : score * (figure is { IndicatorId.Length: 0 } ? 0.9 : 1);
        return candidate with { Score = final, Coverage = coverage, RareCoverage = rareCoverage };
    }

    /// <summary>The years a sentence or a quoted figure is about (not the years it compares with).</summary>
    private static List<int> YearsNamed(Candidate candidate) =>
        candidate.Item.Figure is { IndicatorId.Length: 0 } quoted
            && int.TryParse(quoted.Period.AsSpan(0, Math.Min(4, quoted.Period.Length)), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            ? [year]
            : Knowledge.Indicators.PeriodPhraseParser.FindAll(candidate.Text).Where(m => !m.IsComparisonBase).Select(m => m.Period.Year).Distinct().ToList();

    /// <summary>Prefers figures whose measure is what the question asks for: a level, a growth rate, a share or a rank.</summary>
    private static double MeasureFit(string question, string? measure)
    {
        if (measure is null)
        {
            return 0;
        }

        var lower = question.ToLowerInvariant();
        var wanted = ShareCue().IsMatch(lower) ? "share"
            : GrowthCue().IsMatch(lower) ? "yoy_growth"
            : RankCue().IsMatch(lower) ? "rank"
            : LevelCue().IsMatch(lower) ? "level"
            : null;
        if (wanted is null)
        {
            return 0;
        }

        return measure == wanted || (wanted == "level" && measure is "count" or "target") ? 0.2 : -0.2;
    }

    /// <summary>
    /// True when a question that is not about a share finds its subject in the sentence only as the base of a
    /// percentage ("2.68% of China's GDP"): the sentence measures something else against the subject.
    /// </summary>
    private static bool SubjectOnlyAsBase(OfflineQuestion question, IEnumerable<string> subject, string sentence)
    {
        if (ShareCue().IsMatch(question.MeasureText.ToLowerInvariant()))
        {
            return false;
        }

        var bases = PercentOf().Matches(sentence).Select(m => m.Groups["base"].Value).ToList();
        if (bases.Count == 0)
        {
            return false;
        }

        var rest = PercentOf().Replace(sentence, " ");
        var mentioned = subject.Where(t => Mentions(sentence, null, t)).ToList();
        return mentioned.Count > 0 && mentioned.All(t => !Mentions(rest, null, t) && bases.Any(b => Mentions(b, null, t)));
    }

    [GeneratedRegex(@"\d[\d.,]*\s*(?:%|percent|per cent)\s+of\s+(?<base>(?:[\w'’&-]+\s+){0,3}[\w'’&-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex PercentOf();

    /// <summary>A number that is a figure: not a year, not an ordinal ("15th"), not part of a name ("5G").</summary>
    private static bool HasFigure(string text) =>
        FigureNumber().Matches(text).Any(m => !(m.Value.Length == 4 && m.Value[0] is '1' or '2' && !m.Value.Contains('.', StringComparison.Ordinal) && !m.Value.Contains(',', StringComparison.Ordinal)));

    /// <summary>A sentence fits a growth or share question when it has a percentage, a rank question when it names a place ("8th"), a level question when it has an amount.</summary>
    private static double SentenceMeasureFit(string question, string sentence)
    {
        var lower = question.ToLowerInvariant();
        var hasPercent = sentence.Contains('%', StringComparison.Ordinal) || sentence.Contains("percent", StringComparison.OrdinalIgnoreCase);
        var hasAmount = AmountNumber().IsMatch(sentence);
        if (ShareCue().IsMatch(lower) || GrowthCue().IsMatch(lower))
        {
            return hasPercent ? 0.1 : -0.25;
        }

        if (RankCue().IsMatch(lower))
        {
            return Ordinal().IsMatch(sentence) ? 0.1 : -0.25;
        }

        if (LevelCue().IsMatch(lower) || WeakLevelCue().IsMatch(lower))
        {
            return hasAmount ? 0.1 : -0.25;
        }

        return 0;
    }

    [GeneratedRegex(@"(?<![\w.])\d+(?:[.,]\d+)*(?!\d|st\b|nd\b|rd\b|th\b|G\b)")]
    private static partial Regex FigureNumber();

    [GeneratedRegex(@"\d(?:[\d.,]*)\s*(?:million|billion|trillion|thousand|mn|bn|tn|yuan|kw|kwh|tonnes|tons|pflops|robots|units|ships|users|gb)", RegexOptions.IgnoreCase)]
    private static partial Regex AmountNumber();

    [GeneratedRegex(@"how much|多少")]
    private static partial Regex WeakLevelCue();

    [GeneratedRegex(@"\b\d+(?:st|nd|rd|th)\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|number one)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"\bfirst\b|首次|第一次", RegexOptions.IgnoreCase)]
    private static partial Regex FirstTime();

    /// <summary>A sentence that opens by pointing back at the one before it ("That", "With this", "It").</summary>
    [GeneratedRegex(@"^(?:(?:With|At|By|Of|For) )?(?:that|this|these|those|it|its|they|their|such)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BackReference();

    private static IEnumerable<string> Sentences(string text) =>
        SentenceBreak().Split(text)
            .Select(s => s.Trim().TrimStart('-', '*', ' '))
            .Where(s => s.Length > 25 && !s.StartsWith('#') && !Bookkeeping().IsMatch(s));

    /// <summary>Attribution and source lines describe the note, they do not answer anything.</summary>
    [GeneratedRegex(@"^(attribution|sources?|note|caveats?)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex Bookkeeping();

    [GeneratedRegex(@"(?<=[.!?。！？])\s+(?=[A-Z0-9""“(])|\n+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\d")]
    private static partial Regex Digit();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}", RegexOptions.IgnoreCase)]
    private static partial Regex DatePhrase();

    [GeneratedRegex(@"\bshare\b|proportion|percent of|% of|portion|比重|占比|份额")]
    private static partial Regex ShareCue();

    [GeneratedRegex(@"\bgr[eo]w|growth|increase|rise|rose|faster|slower|year on year|y/y|yoy|增长|增速")]
    private static partial Regex GrowthCue();

    [GeneratedRegex(@"\brank|ranked|place|position|number one|排名|第几")]
    private static partial Regex RankCue();

    [GeneratedRegex(@"how (many|big|large)|\bsize\b|\btotal\b|规模|总量")]
    private static partial Regex LevelCue();

    private sealed record Candidate(EvidenceItem Item, string Text, string Context)
    {
        public double Score { get; init; }

        public double Coverage { get; init; }

        public double RareCoverage { get; init; }

        /// <summary>Content terms of <see cref="Context"/> (the sentence, the one before it and the title).</summary>
        public HashSet<string> ContextTerms { get; init; } = [];

        /// <summary>Content terms of the sentence itself.</summary>
        public HashSet<string> SentenceTerms { get; init; } = [];

        /// <summary>The sentence with synonyms folded ("NEV" → "new energy vehicle"), for phrase terms.</summary>
        public string FoldedText { get; init; } = string.Empty;

        /// <summary>
        /// What the sentence itself (with the one before it) says, without the article title. In a comparison each
        /// entity compared must be here, or "China surpasses Germany" in a title would let any sentence of that
        /// article answer how China compares with Germany.
        /// </summary>
        public string? Local { get; init; }

        /// <summary>The sentence before this one in its passage, as written; empty for the first.</summary>
        public string Previous { get; init; } = string.Empty;

        /// <summary>Title and publisher: where "according to the IFR" is satisfied, though it is not the subject.</summary>
        public string SourceText { get; init; } = string.Empty;
    }
}
