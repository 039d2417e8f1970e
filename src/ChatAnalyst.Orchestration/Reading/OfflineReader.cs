using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Offline;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// The offline model's reader: candidate builder → features → fitted scorer → selector → writer. It picks the sentence
/// (or curated figure) that best answers the question, adds at most one supporting sentence, and declines when the
/// abstainer says the best candidate is a guess.
/// </summary>
public sealed class OfflineReader(ReaderModel model, UnitNames units, ReaderTraceSink? traces = null)
{
    /// <summary>A supporting sentence, from the lead's article, must score at least this close to the lead (ranker units; chosen on the training sets).</summary>
    private const double SupportMargin = 3.5;

    /// <summary>How far below the lead a sentence may score and still answer a part of the question the lead leaves out.</summary>
    private const double PartMargin = 6;

    /// <summary>How many of the best candidates a comparison looks through for the two sides' figures.</summary>
    private const int ComparisonDepth = 8;

    /// <summary>
    /// Empties what the reader keeps across turns from sentences alone (their terms and periods), so a benchmark can time
    /// the first sight of a sentence; answers do not change.
    /// </summary>
    public static void ClearCaches() => ReaderCache.Clear();

    /// <summary>The answer text for this turn.</summary>
    public string Read(QuestionAnalysis question, IReadOnlyList<ToolEvidence> results)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(results);
        var items = results.SelectMany(r => r.Items).Where(i => i.Ref > 0).ToList();
        if (question.IsRefusal || items.Count == 0)
        {
            return AnswerWriter.Decline(question, items);
        }

        var candidates = CandidateBuilder.Build(results);
        if (candidates.Count == 0)
        {
            return AnswerWriter.Decline(question, items);
        }

        var features = new ReaderFeatures(question, candidates);
        if (features.IsAboutSomethingElse)
        {
            return AnswerWriter.Decline(question, items);
        }

        var rules = ReaderSelector.RulesFor(question);
        var scored = candidates
            .Select(c => (Candidate: c, Features: features.Compute(c)))
            .Select(c => (c.Candidate, c.Features, Score: model.Score(c.Features)))
            .OrderByDescending(c => c.Score)
            .ToList();
        if (traces is { Enabled: true })
        {
            traces.Add(new ReaderTrace(question.Text, scored.Select(s => (s.Candidate.Text, s.Candidate.DocumentId, s.Features)).ToList(), rules));
        }

        // Only some candidates may lead (the period, figure and entity rules of the selector); scored is best first, so the
        // first of them is the lead.
        var all = scored.Select(s => s.Features).ToList();
        var mayLead = ReaderSelector.MayLead(all, rules);
        var leadIndex = Array.IndexOf(mayLead, true);
        var everyScored = scored;
        scored = scored.Where((_, i) => mayLead[i]).ToList();
        if (scored.Count == 0)
        {
            return AnswerWriter.Decline(question, items);
        }

        var top = scored[0];
        // "When did (publisher) report …" is answered from the article's record, not from its sentences.
        if (PublicationWriter.Source(question, scored.Take(3).Select(s => s.Candidate)) is { } published)
        {
            return PublicationWriter.Write(question, published);
        }

        // "Who wrote / translated / edited …" is answered from the article's credit lines, which are no candidates.
        if (CreditWriter.Write(question, scored.Take(3).Select(s => s.Candidate)) is { } credited)
        {
            return credited;
        }

        // A sentence that states the very figure the user quotes answers the question (if only to correct its period).
        var quotesIt = question.IsQuotedIn(top.Candidate.Text);
        if (!quotesIt && model.AnswerProbability(ReaderModel.AbstainInputs(all, leadIndex, question.IsChinese, rules)) < model.AnswerThreshold)
        {
            return AnswerWriter.Decline(question, items);
        }

        var lead = top.Candidate;
        var sameArticle = scored.Skip(1).Where(s => s.Candidate.Text != lead.Text && s.Candidate.DocumentId == lead.DocumentId).ToList();
        var support = sameArticle.Where(s => s.Score >= top.Score - SupportMargin).Select(s => s.Candidate).Take(3).ToList();
        var parts = sameArticle.Where(s => s.Score >= top.Score - PartMargin).Select(s => s.Candidate).Take(6).ToList();
        // A comparison is worked out from the lead's article (both figures from one source, in the lead's terms); a side
        // may sit in a lower-ranked sentence of it.
        var ranked = scored.Select(s => s.Candidate).Where(c => c.DocumentId == lead.DocumentId).Take(ComparisonDepth).ToList();
        // A change between two times sets the lead's figure against one of another time, which may not lead: the best
        // sentences of the lead's article, and the best of any article for a figure of the earlier period.
        var article = everyScored.Select(s => s.Candidate).Where(c => c.DocumentId == lead.DocumentId).Take(ComparisonDepth)
            .Concat(everyScored.Select(s => s.Candidate).Where(c => c.DocumentId != lead.DocumentId).Take(ComparisonDepth)).ToList();
        return AnswerWriter.Write(question, lead, new SupportingSentences(support, parts, article), ranked, units);
    }
}
