using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;

namespace ChatAnalyst.Orchestration.Offline;

/// <summary>
/// Composes the offline model's answer from this turn's tool results: picks the evidence that fits the question type,
/// states figures exactly as the source gives them with their <c>[n]</c>, and declines when the evidence does not
/// cover what was asked. It never writes a number that is not in the evidence.
/// </summary>
public sealed partial class OfflineAnswerComposer
{
    /// <summary>Share of the question's content terms the chosen evidence must contain to count as an answer.</summary>
    private const double MinimumCoverage = 0.5;

    public string Compose(OfflineConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var question = OfflineQuestion.Analyze(conversation.Question, conversation.EarlierQuestions);
        if (question.IsRefusal)
        {
            return Decline(question);
        }

        var items = conversation.Results.SelectMany(r => r.Items).Where(i => i.Ref > 0).ToList();
        var candidates = Candidates(items).Select(c => c with { Score = Score(question, c) }).Where(c => c.Score > 0).ToList();
        if (candidates.Count == 0)
        {
            return Decline(question);
        }

        var best = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Item.Kind == EvidenceKind.Figure ? 0 : 1).ToList();
        if (question.Intent == QuestionIntent.Comparison && Compare(question, best) is { } comparison)
        {
            return comparison;
        }

        var lead = best[0];
        var answer = new StringBuilder();
        answer.Append(Cite(lead));
        foreach (var extra in best.Skip(1).Where(c => c.Text != lead.Text && c.Score >= lead.Score * 0.8).Take(question.Intent == QuestionIntent.List ? 3 : 1))
        {
            answer.Append(' ').Append(Cite(extra));
        }

        return answer.ToString();
    }

    /// <summary>Follow-up suggestions: other figures from the sources the answer cited.</summary>
    public static IReadOnlyList<string> FollowUps(CitationLedger ledger, IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(citations);
        var cited = citations.Select(c => c.DocumentId).ToHashSet(StringComparer.Ordinal);
        return ledger.Items
            .Where(i => i.Figure is not null && !cited.Contains(i.Source.DocumentId))
            .Select(i => $"What was {i.Figure!.Indicator} in {i.Figure.PeriodLabel}?")
            .Concat(ledger.Items.Where(i => i.Figure is not null && cited.Contains(i.Source.DocumentId))
                .Select(i => $"Chart {i.Figure!.Indicator}"))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(3)
            .ToList();
    }

    private static string Decline(OfflineQuestion question) => question.IsChinese
        ? "知识库中没有能回答这个问题的资料，我不会猜测数字。我可以回答中国人工智能产业、工业增加值、高技术制造业、5G、算力、可再生能源、造船、研发投入、机器人密度和半导体基金等方面的问题。"
        : "The knowledge base doesn't cover that, and I won't guess a figure. I can answer questions about China's AI industry, "
          + "industrial output and high-tech manufacturing, 5G, computing capacity, renewable energy, shipbuilding, R&D spending, "
          + "robot density and semiconductor funds — for example \"How big was China's core AI industry in 2025?\"";

    private string? Compare(OfflineQuestion question, List<Candidate> best)
    {
        var figures = best.Where(c => c.Item.Figure is not null)
            .GroupBy(c => c.Item.Figure!.IndicatorId)
            .Select(g => g.First())
            .Take(4)
            .ToList();
        foreach (var first in figures)
        {
            var second = figures.FirstOrDefault(f => f.Item.Figure!.IndicatorId != first.Item.Figure!.IndicatorId
                && f.Item.Figure.Period == first.Item.Figure.Period
                && f.Item.Figure.Unit == first.Item.Figure.Unit);
            if (second is null)
            {
                continue;
            }

            var a = first.Item.Figure!;
            var b = second.Item.Figure!;
            if (!decimal.TryParse(a.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var va)
                || !decimal.TryParse(b.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var vb))
            {
                continue;
            }

            var (winner, loser) = va >= vb ? (first, second) : (second, first);
            var verb = a.Measure == "yoy_growth" ? "grew faster" : "was larger";
            if (va == vb)
            {
                return $"Both were the same: {Cite(first)} {Cite(second)}";
            }

            return question.IsChinese
                ? $"{Name(winner, true)}更高。{Cite(winner)} {Cite(loser)}"
                : $"{Capitalize(winner.Item.Figure!.Indicator)} {verb}. {Cite(winner)} {Cite(loser)}";
        }

        return null;
    }

    private static string Name(Candidate c, bool chinese) =>
        chinese && !string.IsNullOrEmpty(c.Item.Figure?.IndicatorZh) ? c.Item.Figure!.IndicatorZh! : c.Item.Figure?.Indicator ?? c.Item.Source.Title;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Cite(Candidate candidate)
    {
        var text = candidate.Text.TrimEnd();
        var marker = "[" + candidate.Item.Ref.ToString(CultureInfo.InvariantCulture) + "]";
        if (text.EndsWith('.') || text.EndsWith('。'))
        {
            return text[..^1] + " " + marker + text[^1];
        }

        return text + " " + marker + ".";
    }

    private static IEnumerable<Candidate> Candidates(IEnumerable<EvidenceItem> items)
    {
        foreach (var item in items)
        {
            if (item.Kind == EvidenceKind.Figure)
            {
                yield return new Candidate(item, item.Text, 0);
                continue;
            }

            foreach (var sentence in Sentences(item.Text))
            {
                yield return new Candidate(item, sentence, 0);
            }
        }
    }

    private static double Score(OfflineQuestion question, Candidate candidate)
    {
        var haystack = (candidate.Text + " " + candidate.Item.Figure?.Indicator + " " + candidate.Item.Figure?.PeriodLabel + " " + candidate.Item.Source.Title).ToLowerInvariant();
        var terms = TextTerms.ContentTerms(haystack).ToHashSet(StringComparer.Ordinal);
        if (question.Terms.Count == 0)
        {
            return question.IsChinese ? 0.5 : 0;
        }

        var covered = question.Terms.Count(t => terms.Contains(t) || haystack.Contains(t, StringComparison.Ordinal));
        var coverage = (double)covered / question.Terms.Count;
        if (coverage < MinimumCoverage)
        {
            return 0;
        }

        if (question.Years.Count > 0 && !question.Years.Any(y => haystack.Contains(y.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)))
        {
            return 0;
        }

        var score = coverage;
        if (question.Intent is QuestionIntent.Figure or QuestionIntent.Comparison)
        {
            score += candidate.Item.Kind == EvidenceKind.Figure ? 0.3 : HasNumber().IsMatch(candidate.Text) ? 0.15 : 0;
        }

        return score;
    }

    private static IEnumerable<string> Sentences(string text) =>
        SentenceBreak().Split(text).Select(s => s.Trim()).Where(s => s.Length > 20);

    [GeneratedRegex(@"(?<=[.!?。！？])\s+|\n+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\d")]
    private static partial Regex HasNumber();

    private sealed record Candidate(EvidenceItem Item, string Text, double Score);
}
