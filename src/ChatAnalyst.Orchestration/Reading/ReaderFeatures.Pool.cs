using System.Text;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>What the reader keeps per candidate and per article of one turn's pool, worked out once and only when needed.</summary>
public sealed partial class ReaderFeatures
{
    private string? _everything;

    /// <summary>A candidate's terms, worked out when the pool was read (also for a copy of a candidate of the pool).</summary>
    private CandidateTerms TermsFor(ReaderCandidate candidate)
    {
        if (_terms.TryGetValue(candidate, out var terms))
        {
            return terms;
        }

        var same = _candidates.FirstOrDefault(c => c.Equals(candidate)) ?? throw new KeyNotFoundException("The candidate is not one of the pool's.");
        return _terms[same];
    }

    /// <summary>How many of the question's word pairs the candidate's words hold side by side.</summary>
    private int PairsFound(IReadOnlyList<string> ordered)
    {
        var found = 0;
        foreach (var (first, second) in _questionPairs)
        {
            for (var i = 0; i + 1 < ordered.Count; i++)
            {
                if (string.Equals(ordered[i], first, StringComparison.Ordinal) && string.Equals(ordered[i + 1], second, StringComparison.Ordinal))
                {
                    found++;
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>All candidates and titles, lower-case, as written and with synonyms folded (for the entity check).</summary>
    private string Everything(IReadOnlyList<ReaderCandidate> candidates)
    {
        if (_everything is null)
        {
            var raw = string.Join('\n', candidates.Select(c => c.Text + " " + c.Item.Source.Title)).ToLowerInvariant();
            _everything = raw + "\n" + TextTerms.Fold(raw);
        }

        return _everything;
    }

    /// <summary>
    /// Years the evidence is about: the periods its sentences and titles cover, the year an undated article's address files
    /// it under, and its publication years when the question dates a report; not any year it mentions in passing (a
    /// release date, a base year).
    /// </summary>
    private HashSet<int> Covered(IReadOnlyList<ReaderCandidate> candidates) =>
        candidates.SelectMany(c => c.Periods.Select(p => p.Year))
            .Concat(_documents.Values.SelectMany(d => d.Periods.Select(x => x.Year)))
            .Concat(candidates.Where(c => c.Item.Source.Published is null).Select(c => PeriodReader.UrlYear(c.Item.Source.Url)).OfType<int>())
            .Concat(DatesSource ? candidates.Select(c => c.Item.Source.Published?.Year).OfType<int>() : [])
            .ToHashSet();

    private bool? _datesSource;

    // Read once per turn, not once per candidate: the cue is a pattern over the question.
    private bool DatesSource => _datesSource ??= _question.PeriodDatesSource;

    /// <summary>The question's period dates a report (<see cref="Answers.QuestionAnalysis.PeriodDatesSource"/>) and the candidate's article was published in it.</summary>
    private bool SourceDated(ReaderCandidate candidate) =>
        DatesSource && candidate.Item.Source.Published is { } published
        && _asked.Any(a => a.Year == published.Year && published.Month >= a.StartMonth && published.Month <= a.EndMonth);

    /// <summary>The share of the question's entities the article never names (worked out once per article).</summary>
    private double EntitiesMissingFrom(DocumentState document) =>
        document.EntitiesMissing ??= _entities.Count == 0 ? 0
            : (double)_entities.Count(e => !Mentions(document.Terms, e) && !NamesEntity(document.Text, e)) / _entities.Count;

    /// <summary>The abbreviations the candidates' articles define ("the gadget price index (GPI)").</summary>
    private void LearnAbbreviations()
    {
        foreach (var document in _documents.Values)
        {
            foreach (var (abbreviation, longForm) in ReaderCache.DefinitionsOf(document.Text))
            {
                _defined.TryAdd(abbreviation, longForm);
            }
        }
    }

    /// <summary>
    /// Whether no article of the pool — its title and retrieved sentences — holds a single word of what an English
    /// figure question asks about (its subject terms less its names and numbers; a mistyped word read as the candidates'
    /// nearest): "the weather in Gearville tomorrow" shares only a place with the knowledge base. Questions about an event
    /// ("on what day…", "why did…") are left to the abstainer: their words describe the event ("publish", "founded")
    /// and its article may not repeat them. A question asked only in a synonym the articles never use ("earnings" where
    /// they say "revenue") is declined too: the rule trades it for the chit-chat it stops.
    /// </summary>
    private bool NoSubjectWordHeld(Func<HashSet<string>> vocabulary)
    {
        if (_question.IsChinese || _question.Intent is not (QuestionIntent.Figure or QuestionIntent.General))
        {
            return false;
        }

        var subject = _question.Terms.Keys.Where(t => !t.All(char.IsDigit) && !_question.Entities.Contains(t)).ToList();
        return subject.Count > 0 && !subject.Any(t => Held(t) || Held(Corrected(t, vocabulary())));

        bool Held(string term) => _documents.Values.Any(d => Mentions(d.Terms, term));
    }

    /// <summary>Whether some candidate or article names the entity.</summary>
    private bool Named(IReadOnlyList<ReaderCandidate> candidates, string entity) =>
        StartsWord(Everything(candidates), entity) || _documents.Values.Any(d => NamesEntity(d.Text, entity));

    /// <summary>
    /// A sentence of an undated article whose period no reader can place for the period asked: one whose months without
    /// a year are other months than those asked ("rose 29 percent in June" for an October question), or one that names
    /// no period where the article never names a year asked.
    /// </summary>
    private bool IsUnplaced(ReaderCandidate candidate, DocumentState document)
    {
        if (_question.Years.Count == 0 || candidate.Periods.Count > 0 || candidate.Item.Source.Published is not null)
        {
            return false;
        }

        var asked = _question.Periods.Count > 0 ? _question.Periods : _question.Period is { } one ? [one] : [];
        var months = asked.Count > 0 ? ReaderCache.PeriodsOf(candidate.Text, null, asked[0].Year) : [];
        if (months.Count > 0)
        {
            return !months.Any(p => asked.Contains(p, Period.SameMonths));
        }

        document.Years ??= PeriodReader.Years($"{candidate.Item.Source.Title} {candidate.Item.ArticleText}").ToHashSet();
        var near = PeriodReader.Years($"{candidate.Previous} {candidate.Text}");
        return !_question.Years.Any(y => document.Years.Contains(y) || near.Contains(y));
    }

    /// <summary>A candidate's terms in order and as a set, and the share of the question's subject they cover.</summary>
    private sealed class CandidateTerms(TextTermSet terms)
    {
        public IReadOnlyList<string> Ordered { get; } = terms.Ordered;

        public HashSet<string> Set { get; } = terms.Set;

        public double Coverage { get; set; }
    }

    /// <summary>
    /// An article of the pool: its rank (order of first appearance), the periods of its title, its terms (title and
    /// candidates), and its text for looking names up, put together only when a name is looked up.
    /// </summary>
    private sealed class DocumentState
    {
        private readonly ReaderCandidate _first;
        private readonly List<ReaderCandidate> _withoutArticle = [];
        private string? _text;

        public DocumentState(ReaderCandidate first, int rank)
        {
            _first = first;
            Rank = rank;
            var source = first.Item.Source;
            Terms = new HashSet<string>(ReaderCache.TermsOf(source.Title).Set, StringComparer.Ordinal);
            Periods = ReaderCache.PeriodsOf(source.Title, source.Published, null);
        }

        public int Rank { get; }

        public HashSet<string> Terms { get; }

        public IReadOnlyList<Period> Periods { get; }

        public double? Coverage { get; set; }

        public double? EntitiesMissing { get; set; }

        /// <summary>The years the title and the whole article name (worked out when first needed).</summary>
        public HashSet<int>? Years { get; set; }

        /// <summary>
        /// The title as written, lower-case and folded (an abbreviation may be spelled out only there), the publisher
        /// ("as the Example Wire reported"), the whole article; without the whole article, what the candidates show of
        /// it (as written too, for abbreviations).
        /// </summary>
        public string Text => _text ??= Compose();

        public void Add(ReaderCandidate candidate, HashSet<string> terms)
        {
            Terms.UnionWith(terms);
            if (candidate.Item.ArticleText.Length == 0)
            {
                _withoutArticle.Add(candidate);
            }
        }

        private string Compose()
        {
            var source = _first.Item.Source;
            var title = source.Title.ToLowerInvariant();
            var text = new StringBuilder(source.Title).Append('\n').Append(title).Append('\n').Append(TextTerms.Fold(title))
                .Append('\n').Append(source.Publisher?.ToLowerInvariant()).Append('\n').Append(_first.Item.ArticleText);
            foreach (var candidate in _withoutArticle)
            {
                var plain = candidate.Text.ToLowerInvariant();
                text.Append('\n').Append(plain).Append('\n').Append(TextTerms.Fold(plain)).Append('\n').Append(candidate.Text);
            }

            return text.ToString();
        }
    }
}
