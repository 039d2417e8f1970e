using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Offline;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// The reader's second step: describes each candidate by the numbers the fitted model weighs — how close it is to the
/// question (embedding similarity, the share of the question's subject it covers, weighted by how rare each word is
/// among the candidates), whether it is about the period and the entities asked, whether it holds the kind of answer
/// asked for, and where it sits. Built once per turn: the pool-wide parts (rarity, document coverage, the newest
/// article) are worked out once, not per candidate.
/// </summary>
public sealed partial class ReaderFeatures
{
    /// <summary>Feature names, in vector order; the model file keys its weights by them.</summary>
    public static readonly string[] Names =
    [
        "similarity", "similarity_gap", "subject_coverage", "context_coverage", "document_coverage", "entities_missing",
        "period_match", "period_conflict", "period_same_year", "document_period_match", "document_period_conflict",
        "year_conflict", "answer_type", "measure_match", "measure_conflict", "has_number", "passage_rank", "document_rank",
        "lead_position", "short_or_heading", "quoted_number", "newest_document", "curated_figure", "figure_index_only", "phrase_coverage", "change_match", "coverage_gap", "coverage_density", "number_near_subject",
        "flow_match", "unit_match", "unplaced", "direction_match", "excluded_mentioned",
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

    public static readonly int Unplaced = Array.IndexOf(Names, "unplaced");

    private readonly QuestionAnalysis _question;
    private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<ReaderCandidate> _candidates;

    // Keyed by the candidate object itself: a record's own hash reads all its text (its article's too) on every look-up.
    private readonly Dictionary<ReaderCandidate, CandidateTerms> _terms = new(ReferenceEqualityComparer.Instance);
    private readonly List<(string, string)> _questionPairs;
    private readonly Dictionary<string, DocumentState> _documents = new(StringComparer.Ordinal);
    private readonly HashSet<Period> _asked;
    private readonly HashSet<int> _askedYears;
    private readonly double _maxSimilarity;
    private readonly double _totalWeight;
    private readonly double _maxCoverage;
    private readonly DateOnly? _newest;
    private readonly bool _wantsPerson;
    private readonly string? _nearKey;

    // The question's entities, each as the candidates write it (a mistyped name corrected).
    private readonly List<string> _entities = [];

    // Abbreviations the candidates' articles define ("the gadget price index (GPI)"): abbreviation → long form.
    private readonly Dictionary<string, string> _defined = new(StringComparer.Ordinal);

    public ReaderFeatures(QuestionAnalysis question, IReadOnlyList<ReaderCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(candidates);
        _question = question;
        _candidates = candidates;
        // By the months covered: "Q1" asks for what a report calls "January to March".
        _asked = question.Periods.ToHashSet(Period.SameMonths);
        _askedYears = question.Years.ToHashSet();
        _maxSimilarity = candidates.Count == 0 ? 0 : candidates.Max(c => c.Similarity);
        _newest = candidates.Select(c => c.Item.Source.Published).Max();
        _wantsPerson = question.Intent == QuestionIntent.Who && PersonWanted().IsMatch(question.Text);

        var subject = question.Terms.Keys.Where(t => !t.All(char.IsDigit)).ToList();
        _questionPairs = subject.Zip(subject.Skip(1)).ToList();
        var sets = new HashSet<string>[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var terms = ReaderCache.TermsOf(candidate.Text);
            sets[i] = terms.Set;
            _terms[candidate] = new CandidateTerms(terms);
            var id = candidate.DocumentId;
            if (!_documents.TryGetValue(id, out var document))
            {
                document = new DocumentState(candidate, _documents.Count);
                _documents[id] = document;
            }

            document.Add(candidate, terms.Set);
        }

        LearnAbbreviations();

        // A figure the user quotes with the wrong year ("470 — is that the 2024 figure?") is answered with its real
        // period, not declined for the year.
        QuotesEvidence = candidates.Any(c => question.IsQuotedIn(c.Text));
        // A name the user mistyped ("Geraco" for "Gearco") is read as the candidates' word within an edit or two of it.
        HashSet<string>? vocabulary = null;
        var unnamed = false;
        foreach (var entity in question.Entities)
        {
            var named = Named(candidates, entity) ? entity
                : Corrected(entity, vocabulary ??= sets.SelectMany(t => t).ToHashSet(StringComparer.Ordinal)) is var corrected && corrected != entity && Named(candidates, corrected) ? corrected
                : null;
            unnamed |= named is null;
            _entities.Add(named ?? entity);
        }

        IsAboutSomethingElse = unnamed
            || (_askedYears.Count > 0 && !_askedYears.Any(Covered(candidates).Contains) && !QuotesEvidence)
            || NoSubjectWordHeld(() => vocabulary ??= sets.SelectMany(t => t).ToHashSet(StringComparer.Ordinal));

        // Rarer words say more about what is asked: weight = the question's own weight × idf among the candidates. A
        // word no candidate has is read as the nearest word they do have, when it is a likely typo ("softwre").
        var mentioned = new Dictionary<string, bool[]>(StringComparer.Ordinal);
        foreach (var (asked, weight) in question.Terms.Where(t => !t.Key.All(char.IsDigit)))
        {
            var term = sets.Any(t => Mentions(t, asked)) ? asked : Corrected(asked, vocabulary ??= sets.SelectMany(t => t).ToHashSet(StringComparer.Ordinal));
            // An abbreviation no candidate writes is read as the words a candidate spells it out with ("gpi":
            // "gadget price index"), sharing its weight.
            if (_entities.Contains(term) && !sets.Any(t => Mentions(t, term))
                && candidates.Select(c => SpelledOutAs(c.Text, term)).FirstOrDefault(w => w is not null) is { } written)
            {
                var words = TextTerms.ContentTerms(written);
                foreach (var word in words)
                {
                    var has = Array.ConvertAll(sets, t => Mentions(t, word));
                    mentioned[word] = has;
                    _weights[word] = _weights.GetValueOrDefault(word) + (weight / words.Count * Math.Log(1 + ((candidates.Count + 1.0) / (1 + has.Count(f => f)))));
                }

                continue;
            }

            var found = Array.ConvertAll(sets, t => Mentions(t, term));
            // Where other candidates write the abbreviation asked, one that spells it out names it too.
            if (_entities.Contains(term))
            {
                for (var i = 0; i < found.Length; i++)
                {
                    found[i] = found[i] || SpelledOut(candidates[i].Text, term);
                }
            }

            mentioned[term] = found;
            var frequency = found.Count(f => f);
            _weights[term] = weight * Math.Log(1 + ((candidates.Count + 1.0) / (1 + frequency)));
        }

        _totalWeight = _weights.Values.Sum();
        for (var i = 0; i < candidates.Count; i++)
        {
            // Coverage (below) from the look-ups just made.
            var index = i;
            _terms[candidates[i]].Coverage = _totalWeight <= 0 ? 0 : _weights.Where(w => mentioned[w.Key][index]).Sum(w => w.Value) / _totalWeight;
        }

        _maxCoverage = candidates.Count == 0 ? 0 : candidates.Max(c => _terms[c].Coverage);
        _nearKey = _weights.Where(w => w.Key.Length >= 3).OrderByDescending(w => w.Value).Select(w => w.Key).FirstOrDefault();
    }

    /// <summary>
    /// True when the evidence as a whole is about something else: a named entity of the question (a country, an
    /// organisation, a product code) appears in no candidate or title, the question names years that no candidate
    /// covers, or an English figure question shares none of its subject words with any article. No ranking can make
    /// such evidence answer the question.
    /// </summary>
    public bool IsAboutSomethingElse { get; private set; }

    /// <summary>Some candidate states a number the question quotes.</summary>
    public bool QuotesEvidence { get; private set; }

    /// <summary>The feature vector of one candidate (see <see cref="Names"/>).</summary>
    public double[] Compute(ReaderCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var own = TermsFor(candidate);
        var terms = own.Set;
        var coverage = own.Coverage;
        var title = candidate.Item.Source.Title;
        var context = ReaderCache.TermsOf(candidate.Previous + " " + title).Set;
        var document = _documents[candidate.DocumentId];
        var text = candidate.Text;
        var numbers = FigureNumber().Count(text);
        var periods = candidate.Periods;
        var documentPeriods = document.Periods;
        // A period that dates a report ("per the May 2007 report") is met by an article published in it.
        var dated = SourceDated(candidate);
        // Read only when the question names a year: it is the one feature that needs them.
        var years = _askedYears.Count > 0 ? ReaderCache.StatedYearsOf(text) : [];

        return
        [
            candidate.Similarity,
            candidate.Similarity - _maxSimilarity,
            coverage,
            Coverage(terms, context),
            document.Coverage ??= Coverage(document.Terms),
            // Entities are looked up in the plain text too: a folded synonym ("integrated circuit" → one term) must not hide a name.
            EntitiesMissingFrom(document),
            _asked.Count > 0 && (dated || periods.Any(_asked.Contains)) ? 1 : 0,
            _asked.Count > 0 && !dated && periods.Count > 0 && !periods.Any(_asked.Contains) ? 1 : 0,
            _asked.Count > 0 && !dated && !periods.Any(_asked.Contains) && periods.Any(p => _asked.Any(a => a.Year == p.Year)) ? 1 : 0,
            _asked.Count > 0 && (dated || documentPeriods.Any(_asked.Contains)) ? 1 : 0,
            _asked.Count > 0 && !dated && documentPeriods.Count > 0 && !documentPeriods.Any(_asked.Contains) ? 1 : 0,
            _askedYears.Count > 0 && !dated && years.Count > 0 && !years.Any(_askedYears.Contains) ? 1 : 0,
            AnswerType(text, numbers),
            MeasureMatch(text, numbers),
            MeasureConflict(text, numbers),
            numbers > 0 ? 1 : 0,
            1.0 / (1 + candidate.PassageRank),
            1.0 / (1 + document.Rank),
            candidate.Position < 2 ? 1 : 0,
            text.Length < 40 || !text.Contains(' ', StringComparison.Ordinal) ? 1 : 0,
            _question.IsQuotedIn(text) ? 1 : 0,
            _asked.Count == 0 && _newest is { } newest && candidate.Item.Source.Published == newest ? 1 : 0,
            candidate.IsCuratedFigure ? 1 : 0,
            candidate.FromFigureIndex ? 1 : 0,
            _questionPairs.Count == 0 ? 0 : (double)PairsFound(own.Ordered) / _questionPairs.Count,
            _question.WantsChange ? (ChangeWord().IsMatch(text) ? 1 : -1) : 0,
            coverage - _maxCoverage,
            terms.Count == 0 ? 0 : coverage * Math.Min(1, 8.0 / terms.Count),
            NumberNearSubject(text),
            FlowMatch(text),
            UnitMatch(text, numbers),
            IsUnplaced(candidate, document) ? 1 : 0,
            DirectionMatch(text),
            _question.Excluded.Count > 0 && _question.Excluded.Any(e => Mentions(terms, e)) ? 1 : 0,
        ];
    }

    /// <summary>Whether the candidate holds the kind of thing the question asks for.</summary>
    private double AnswerType(string text, int numbers) => _question.Intent switch
    {
        QuestionIntent.When => DateCue().IsMatch(text) ? 1 : 0,
        QuestionIntent.Who => _wantsPerson && PersonCue().IsMatch(text) ? 1 : WhoCue().IsMatch(text) ? 0.5 : 0,
        QuestionIntent.Explain => CauseCue().IsMatch(text) ? 1 : AttributionCue().IsMatch(text) ? 0.5 : 0,
        QuestionIntent.List => ListAnswer(Math.Max(Enumeration.Items(text), numbers)),
        QuestionIntent.Comparison => numbers >= 2 ? 1 : 0,
        _ => numbers > 0 ? 1 : 0,
    };

    /// <summary>An enumeration of the number of items asked for fits best; any enumeration of three or more fits too.</summary>
    private double ListAnswer(int items) => _question.Count > 0 && items == _question.Count ? 1 : items >= 3 ? (_question.Count > 0 ? 0.5 : 1) : 0;

    /// <summary>Whether a figure sits within a few words of the question's most specific term in the sentence.</summary>
    private double NumberNearSubject(string text) => _nearKey is null ? 0 : ReaderCache.NumberNear(text, _nearKey, NumberNear);

    private double Coverage(HashSet<string> terms) =>
        _totalWeight <= 0 ? 0 : _weights.Where(w => Mentions(terms, w.Key)).Sum(w => w.Value) / _totalWeight;

    /// <summary>The coverage of the union of two sets of terms, without building it.</summary>
    private double Coverage(HashSet<string> terms, HashSet<string> more) =>
        _totalWeight <= 0 ? 0 : _weights.Where(w => Mentions(terms, more, w.Key)).Sum(w => w.Value) / _totalWeight;
}
