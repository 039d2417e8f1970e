using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>The rules that decide which candidates may lead, beyond the entity rule that always holds.</summary>
[Flags]
public enum LeadRules
{
    None = 0,

    /// <summary>The question's period is the figure's: a sentence about another period may not lead.</summary>
    Period = 1,

    /// <summary>The question asks for an amount or a rate: a sentence without a figure may not lead.</summary>
    Figure = 2,
}

/// <summary>
/// The reader's selector, shared by the reader and its trainer so that both pick the lead the same way. Only some
/// candidates may lead: when the question names a period that some candidate states, not a sentence about another
/// period (the November figure for a December question), nor one that names no period in an article about another, nor
/// a sentence of an undated article that cannot be placed in the period asked;
/// and never a candidate from an article that does not name every entity of the question (another country's figure).
/// The lead is the best-scored of those. The period rules hold only when the question's period is the period of the figure
/// asked for: in "who" and "when" questions it often dates an event instead ("who spoke at the January press
/// conference"), and the answer may sit in a sentence about the figures' own period. A sentence that states the very
/// figure the user quotes may lead whatever its period: it answers "was it 9.2% for the full year?" with the figure's
/// real period. A question asking for an amount or a rate ("how many…", "how fast…") is led by a sentence that states a
/// figure, never by one that only names the subject ("construction made steady progress").
/// </summary>
public static class ReaderSelector
{
    /// <summary>The rules that hold for <paramref name="question"/>.</summary>
    public static LeadRules RulesFor(QuestionAnalysis question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return (question.PeriodDatesFigure ? LeadRules.Period : LeadRules.None)
            | (question.Intent == QuestionIntent.Figure && question.Measure != MeasureWanted.Any ? LeadRules.Figure : LeadRules.None);
    }

    /// <summary>Per candidate: whether it may lead.</summary>
    public static bool[] MayLead(IReadOnlyList<double[]> features, LeadRules rules = LeadRules.Period)
    {
        ArgumentNullException.ThrowIfNull(features);
        var match = ReaderFeatures.PeriodMatch;
        var conflict = ReaderFeatures.PeriodConflict;
        var documentConflict = ReaderFeatures.DocumentPeriodConflict;
        var missing = ReaderFeatures.EntitiesMissing;
        var quoted = ReaderFeatures.QuotedNumber;
        var number = ReaderFeatures.HasNumber;
        var unplaced = ReaderFeatures.Unplaced;
        // Only a candidate that could lead otherwise (its article names every entity asked) makes the period binding.
        var periodStated = rules.HasFlag(LeadRules.Period) && features.Any(f => f[match] > 0 && f[missing] == 0);
        return features
            .Select(f => f[missing] == 0
                && (!rules.HasFlag(LeadRules.Figure) || f[number] > 0)
                && (!rules.HasFlag(LeadRules.Period) || f[unplaced] == 0)
                && (!periodStated || f[quoted] > 0 || (f[conflict] == 0 && !(f[match] == 0 && f[documentConflict] > 0))))
            .ToArray();
    }

    /// <summary>The lead's index: the best-scored candidate that may lead, or −1 when none may.</summary>
    public static int Select(IReadOnlyList<double[]> features, IReadOnlyList<double> scores, LeadRules rules = LeadRules.Period)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(scores);
        var mayLead = MayLead(features, rules);
        var lead = -1;
        for (var i = 0; i < scores.Count; i++)
        {
            if (mayLead[i] && (lead < 0 || scores[i] > scores[lead]))
            {
                lead = i;
            }
        }

        return lead;
    }
}
