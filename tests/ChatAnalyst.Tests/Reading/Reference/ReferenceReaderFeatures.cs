using System.Text;
using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Offline;
using ChatAnalyst.Orchestration.Reading;

namespace ChatAnalyst.Tests.Reading.Reference;

/// <summary>
/// The reader's features as first written (before they were made cheaper), kept unchanged as the straightforward
/// reference that <see cref="ReaderFeatures"/> must equal bit for bit. The original summary follows.
/// The reader's second step: describes each candidate by the numbers the fitted model weighs — how close it is to the
/// question (embedding similarity, the share of the question's subject it covers, weighted by how rare each word is
/// among the candidates), whether it is about the period and the entities asked, whether it holds the kind of answer
/// asked for, and where it sits. Built once per turn: the pool-wide parts (rarity, document coverage, the newest
/// article) are worked out once, not per candidate.
/// </summary>
internal sealed partial class ReferenceReaderFeatures
{
    /// <summary>Feature names, in vector order; the model file keys its weights by them.</summary>
    public static readonly string[] Names =
    [
        "similarity", "similarity_gap", "subject_coverage", "context_coverage", "document_coverage", "entities_missing",
        "period_match", "period_conflict", "period_same_year", "document_period_match", "document_period_conflict",
        "year_conflict", "answer_type", "measure_match", "measure_conflict", "has_number", "passage_rank", "document_rank",
        "lead_position", "short_or_heading", "quoted_number", "newest_document", "curated_figure", "figure_index_only", "phrase_coverage", "change_match", "coverage_gap", "coverage_density", "number_near_subject",
        "flow_match", "unit_match",
    ];

    /// <summary>Positions in the vector of the features that the selector, the abstainer and the evaluation read by name.</summary>
    public static readonly int Similarity = Array.IndexOf(Names, "similarity");

    public static readonly int SubjectCoverage = Array.IndexOf(Names, "subject_coverage");

    public static readonly int ContextCoverage = Array.IndexOf(Names, "context_coverage");

    public static readonly int EntitiesMissing = Array.IndexOf(Names, "entities_missing");

    public static readonly int PeriodMatch = Array.IndexOf(Names, "period_match");

    public static readonly int PeriodConflict = Array.IndexOf(Names, "period_conflict");

    public static readonly int PeriodSameYear = Array.IndexOf(Names, "period_same_year");

    public static readonly int DocumentPeriodConflict = Array.IndexOf(Names, "document_period_conflict");

    public static readonly int YearConflict = Array.IndexOf(Names, "year_conflict");

    public static readonly int QuotedNumber = Array.IndexOf(Names, "quoted_number");

    public static readonly int HasNumber = Array.IndexOf(Names, "has_number");

    private readonly QuestionAnalysis _question;
    private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
    private readonly Dictionary<ReaderCandidate, HashSet<string>> _terms = [];
    private readonly Dictionary<ReaderCandidate, HashSet<(string, string)>> _pairs = [];
    private readonly List<(string, string)> _questionPairs;
    private readonly Dictionary<string, HashSet<string>> _documentTerms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _documentText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _entitiesMissing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Period>> _documentPeriods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _documentRank = new(StringComparer.Ordinal);
    private readonly HashSet<Period> _asked;
    private readonly HashSet<int> _askedYears;
    private readonly double _maxSimilarity;
    private readonly double _totalWeight;
    private readonly double _maxCoverage;
    private readonly DateOnly? _newest;
    private readonly bool _wantsPerson;

    public ReferenceReaderFeatures(QuestionAnalysis question, IReadOnlyList<ReaderCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(candidates);
        _question = question;
        // By the months covered: "Q1" asks for what a report calls "January to March".
        _asked = question.Periods.ToHashSet(Period.SameMonths);
        _askedYears = question.Years.ToHashSet();
        _maxSimilarity = candidates.Count == 0 ? 0 : candidates.Max(c => c.Similarity);
        _newest = candidates.Select(c => c.Item.Source.Published).Max();
        _wantsPerson = question.Intent == QuestionIntent.Who && PersonWanted().IsMatch(question.Text);

        var subject = question.Terms.Keys.Where(t => !t.All(char.IsDigit)).ToList();
        _questionPairs = subject.Zip(subject.Skip(1)).ToList();
        var texts = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            var ordered = TextTerms.ContentTerms(candidate.Text);
            var terms = ordered.ToHashSet(StringComparer.Ordinal);
            _terms[candidate] = terms;
            _pairs[candidate] = ordered.Zip(ordered.Skip(1)).ToHashSet();
            var id = candidate.DocumentId;
            if (!_documentTerms.TryGetValue(id, out var documentTerms))
            {
                documentTerms = TermsOf(candidate.Item.Source.Title);
                _documentTerms[id] = documentTerms;
                _documentPeriods[id] = PeriodReader.Read(candidate.Item.Source.Title, candidate.Item.Source.Published);
                _documentRank[id] = _documentRank.Count;
                // The title as written too, like the article: an abbreviation may be spelled out only there. The publisher
                // names the article as well ("as the Example Wire reported").
                var title = candidate.Item.Source.Title.ToLowerInvariant();
                texts[id] = new StringBuilder(candidate.Item.Source.Title).Append('\n').Append(title).Append('\n').Append(TextTerms.Fold(title))
                    .Append('\n').Append(candidate.Item.Source.Publisher?.ToLowerInvariant()).Append('\n').Append(candidate.Item.ArticleText);
            }

            documentTerms.UnionWith(terms);
            if (candidate.Item.ArticleText.Length == 0)
            {
                // Without the whole article, its text is what the candidates show of it (as written too, for abbreviations).
                var plain = candidate.Text.ToLowerInvariant();
                texts[id].Append('\n').Append(plain).Append('\n').Append(TextTerms.Fold(plain)).Append('\n').Append(candidate.Text);
            }
        }

        foreach (var (id, text) in texts)
        {
            _documentText[id] = text.ToString();
        }

        // Entities are looked up as written and with synonyms folded ("NEV" is found as "new energy vehicle" and as "nev").
        var raw = string.Join('\n', candidates.Select(c => c.Text + " " + c.Item.Source.Title)).ToLowerInvariant();
        var everything = raw + "\n" + TextTerms.Fold(raw);
        // Years the evidence is about: the periods its sentences and titles cover, not any year it mentions in passing
        // (a release date, a base year).
        var covered = candidates.SelectMany(c => c.Periods.Select(p => p.Year))
            .Concat(_documentPeriods.Values.SelectMany(p => p.Select(x => x.Year)))
            .ToHashSet();
        // A figure the user quotes with the wrong year ("470 — is that the 2024 figure?") is answered with its real
        // period, not declined for the year.
        QuotesEvidence = candidates.Any(c => question.IsQuotedIn(c.Text));
        IsAboutSomethingElse = question.Entities.Any(e => !StartsWord(everything, e) && !_documentText.Values.Any(t => NamesEntity(t, e)))
            || (_askedYears.Count > 0 && !_askedYears.Any(covered.Contains) && !QuotesEvidence);

        // Rarer words say more about what is asked: weight = the question's own weight × idf among the candidates. A
        // word no candidate has is read as the nearest word they do have, when it is a likely typo ("softwre").
        var vocabulary = _terms.Values.SelectMany(t => t).ToHashSet(StringComparer.Ordinal);
        foreach (var (asked, weight) in question.Terms.Where(t => !t.Key.All(char.IsDigit)))
        {
            var term = candidates.Any(c => Mentions(_terms[c], asked)) ? asked : Corrected(asked, vocabulary);
            var frequency = candidates.Count(c => Mentions(_terms[c], term));
            _weights[term] = weight * Math.Log(1 + ((candidates.Count + 1.0) / (1 + frequency)));
        }

        _totalWeight = _weights.Values.Sum();
        _maxCoverage = candidates.Count == 0 ? 0 : candidates.Max(c => Coverage(_terms[c]));
    }

    /// <summary>
    /// True when the evidence as a whole is about something else: a named entity of the question (a country, an
    /// organisation, a product code) appears in no candidate or title, or the question names years that no candidate
    /// covers. No ranking can make such evidence answer the question.
    /// </summary>
    public bool IsAboutSomethingElse { get; private set; }

    /// <summary>Some candidate states a number the question quotes.</summary>
    public bool QuotesEvidence { get; private set; }

    /// <summary>The feature vector of one candidate (see <see cref="Names"/>).</summary>
    public double[] Compute(ReaderCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var terms = _terms[candidate];
        var title = candidate.Item.Source.Title;
        var context = new HashSet<string>(terms, StringComparer.Ordinal);
        context.UnionWith(TermsOf(candidate.Previous + " " + title));
        var document = _documentTerms[candidate.DocumentId];
        var text = candidate.Text;
        var numbers = FigureNumber().Count(text);
        var periods = candidate.Periods;
        var documentPeriods = _documentPeriods[candidate.DocumentId];
        // Read only when the question names a year: it is the one feature that needs them.
        var years = _askedYears.Count > 0 ? PeriodReader.StatedYears(text) : [];

        return
        [
            candidate.Similarity,
            candidate.Similarity - _maxSimilarity,
            Coverage(terms),
            Coverage(context),
            Coverage(document),
            // Entities are looked up in the plain text too: a folded synonym ("integrated circuit" → one term) must not hide a name.
            EntitiesMissingFrom(candidate.DocumentId, document),
            _asked.Count > 0 && periods.Any(_asked.Contains) ? 1 : 0,
            _asked.Count > 0 && periods.Count > 0 && !periods.Any(_asked.Contains) ? 1 : 0,
            _asked.Count > 0 && !periods.Any(_asked.Contains) && periods.Any(p => _asked.Any(a => a.Year == p.Year)) ? 1 : 0,
            _asked.Count > 0 && documentPeriods.Any(_asked.Contains) ? 1 : 0,
            _asked.Count > 0 && documentPeriods.Count > 0 && !documentPeriods.Any(_asked.Contains) ? 1 : 0,
            _askedYears.Count > 0 && years.Count > 0 && !years.Any(_askedYears.Contains) ? 1 : 0,
            AnswerType(text, numbers),
            MeasureMatch(text, numbers),
            MeasureConflict(text, numbers),
            numbers > 0 ? 1 : 0,
            1.0 / (1 + candidate.PassageRank),
            1.0 / (1 + _documentRank[candidate.DocumentId]),
            candidate.Position < 2 ? 1 : 0,
            text.Length < 40 || !text.Contains(' ', StringComparison.Ordinal) ? 1 : 0,
            _question.IsQuotedIn(text) ? 1 : 0,
            _asked.Count == 0 && _newest is { } newest && candidate.Item.Source.Published == newest ? 1 : 0,
            candidate.IsCuratedFigure ? 1 : 0,
            candidate.FromFigureIndex ? 1 : 0,
            _questionPairs.Count == 0 ? 0 : (double)_questionPairs.Count(_pairs[candidate].Contains) / _questionPairs.Count,
            _question.WantsChange ? (ChangeWord().IsMatch(text) ? 1 : -1) : 0,
            Coverage(terms) - _maxCoverage,
            terms.Count == 0 ? 0 : Coverage(terms) * Math.Min(1, 8.0 / terms.Count),
            NumberNearSubject(text),
            FlowMatch(text),
            UnitMatch(text, numbers),
        ];
    }

    /// <summary>Whether the candidate holds the kind of thing the question asks for.</summary>
    private double AnswerType(string text, int numbers) => _question.Intent switch
    {
        QuestionIntent.When => DateCue().IsMatch(text) ? 1 : 0,
        QuestionIntent.Who => _wantsPerson && PersonCue().IsMatch(text) ? 1 : WhoCue().IsMatch(text) ? 0.5 : 0,
        QuestionIntent.Explain => CauseCue().IsMatch(text) ? 1 : 0,
        QuestionIntent.List => ListAnswer(Math.Max(Enumeration.Items(text), numbers)),
        QuestionIntent.Comparison => numbers >= 2 ? 1 : 0,
        _ => numbers > 0 ? 1 : 0,
    };

    /// <summary>An enumeration of the number of items asked for fits best; any enumeration of three or more fits too.</summary>
    private double ListAnswer(int items) => _question.Count > 0 && items == _question.Count ? 1 : items >= 3 ? (_question.Count > 0 ? 0.5 : 1) : 0;

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

    /// <summary>Whether a figure sits within a few words of the question's most specific term in the sentence.</summary>
    private double NumberNearSubject(string text)
    {
        var key = _weights.Where(w => w.Key.Length >= 3).OrderByDescending(w => w.Value).Select(w => w.Key).FirstOrDefault();
        if (key is null)
        {
            return 0;
        }

        var words = text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
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

    private double Coverage(HashSet<string> terms) =>
        _totalWeight <= 0 ? 0 : _weights.Where(w => Mentions(terms, w.Key)).Sum(w => w.Value) / _totalWeight;
}
