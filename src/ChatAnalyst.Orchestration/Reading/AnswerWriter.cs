using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;
using ChatAnalyst.Orchestration.Offline;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>Sentences of the lead's article that may follow it, best first.</summary>
/// <param name="Close">Those scored close to the lead: one may follow when it adds a figure.</param>
/// <param name="Parts">A wider set: one may follow when it answers a part of the question the answer leaves out.</param>
/// <param name="Article">
/// The best sentences of the lead's article whether or not they may lead, for a change between two times: its earlier
/// figure is of another time than the question's. Null: the comparison candidates.
/// </param>
public sealed record SupportingSentences(IReadOnlyList<ReaderCandidate> Close, IReadOnlyList<ReaderCandidate> Parts, IReadOnlyList<ReaderCandidate>? Article = null);

/// <summary>
/// The reader's last step: writes the answer. A comparison leads with which side is larger and by how much, worked
/// out from the cited figures; otherwise the lead sentence is quoted as the source gives it with its <c>[n]</c>. A
/// supporting sentence follows when it adds a figure the lead lacks, and for a question in parts a second may follow
/// for a part still unanswered — never the same figure twice.
/// </summary>
public static partial class AnswerWriter
{
    /// <param name="question">The turn's analysis.</param>
    /// <param name="lead">The best candidate.</param>
    /// <param name="support">Candidates that may follow the lead, best first.</param>
    /// <param name="ranked">The best candidates in score order, for a comparison's two sides.</param>
    /// <param name="units">Chinese unit names.</param>
    public static string Write(QuestionAnalysis question, ReaderCandidate lead, SupportingSentences support, IReadOnlyList<ReaderCandidate> ranked, UnitNames units)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(support);
        ArgumentNullException.ThrowIfNull(ranked);
        var answer = new StringBuilder();
        // A Chinese question is answered in Chinese first; the English sentence it rests on follows as the quote.
        if (question.IsChinese && !lead.IsCuratedFigure && ChineseAnswerWriter.Lead(question, lead, support.Close, units) is { } chinese)
        {
            answer.Append(chinese).Append(" 原文：");
        }

        // A comparison is worked out unless the lead already states that very difference ("A grew 8.9%, 1.2 percentage
        // points faster than B"); a gap it states against something else ("5.0 points faster than a year before") is no answer.
        // A change of one thing between two times ("from June to July") and what is left of a total ("how many were not A")
        // are worked out the same way, whatever the intent.
        var worked = ComparisonWriter.Change(question, lead, support.Article ?? ranked)
            ?? ComparisonWriter.Remainder(question, lead, support.Article ?? ranked)
            ?? (question.Intent == QuestionIntent.Comparison ? ComparisonWriter.Work(question, ranked) : null);
        if (worked is { } comparison && !(StatedGap().IsMatch(lead.Text) && Numbers(lead.Text).Contains(comparison.Gap)))
        {
            answer.Append(comparison.Text).Append(' ');
        }

        // The question quotes this very figure for a period the sentence does not state: say so before quoting it.
        if (question.IsQuotedIn(lead.Text)
            && question.Periods.Count > 0 && lead.Periods.Count > 0 && !lead.Periods.Any(question.Periods.Contains))
        {
            answer.Append(question.IsChinese ? "这个数字对应的时期不同：" : "That figure is for a different period than the question says: ");
        }

        // A sentence that points back ("That figure…", "With that total…") is read after the one it points to.
        if (lead.Previous.Length > 0 && BackReference().IsMatch(lead.Text))
        {
            answer.Append(Quote(question, lead with { Text = lead.Previous })).Append(' ');
        }

        answer.Append(Quote(question, lead));
        // A supporting sentence that adds a figure; one that also covers a part of the question the answer has not
        // touched yet ("shares for A, B and C" answered for B and C) comes first, and a second may follow for a part
        // still missing.
        for (var added = 0; added < 2; added++)
        {
            var written = answer.ToString();
            var numbers = Numbers(written);
            var missing = MissingParts(question, written);
            bool Adding(ReaderCandidate s) => Adds(s, numbers) && !written.Contains(s.Text.Trim().TrimEnd('.'), StringComparison.Ordinal);
            var extra = support.Parts.FirstOrDefault(s => Adding(s) && missing.Any(TextTerms.ContentTerms(s.Text).Contains))
                ?? (added == 0 ? support.Close.FirstOrDefault(Adding) : null);
            if (extra is null)
            {
                break;
            }

            answer.Append(' ').Append(Quote(question, extra));
        }

        return answer.ToString().Trim();
    }

    /// <summary>
    /// For a question in parts ("A, B and C", "both A and B"), its own subject words (not inherited by a follow-up, not
    /// years) that the text does not contain; none for a question in one part.
    /// </summary>
    private static List<string> MissingParts(QuestionAnalysis question, string text)
    {
        if (!InParts().IsMatch(question.Text))
        {
            return [];
        }

        var present = TextTerms.ContentTerms(text).ToHashSet(StringComparer.Ordinal);
        return question.Terms.Where(t => t.Value >= 1 && !t.Key.All(char.IsDigit) && !present.Contains(t.Key)).Select(t => t.Key).ToList();
    }

    /// <summary>The caption of a rendered chart: its title and each charted figure, cited.</summary>
    public static string Chart(QuestionAnalysis question, ToolEvidence result)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(result);
        var lines = result.Items.Where(i => i.Ref > 0 && i.Figure is not null).Take(8)
            .Select(i => Quote(question, new ReaderCandidate(i.Text, i, string.Empty, 0, 0, 0)));
        var title = question.IsChinese ? $"图表：{result.Chart?.Title}。" : $"Here is the chart: {result.Chart?.Title}.";
        return title + " " + string.Join(' ', lines);
    }

    /// <summary>A decline that says what the knowledge base does hold near the question (titles without figures).</summary>
    public static string Decline(QuestionAnalysis question, IReadOnlyList<EvidenceItem> items)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(items);
        // Titles without figures (digits or number words such as "six-month"): the decline cites nothing, so the grounding
        // guard would take a figure in it for an uncited one.
        var topics = items.Select(i => i.Source.Title).Where(t => !t.Any(char.IsDigit) && NumberReader.Read(t).Count == 0).Distinct(StringComparer.Ordinal).Take(3).ToList();
        if (question.IsChinese)
        {
            return "知识库中没有能回答这个问题的资料，我不会猜测数字。"
                + (topics.Count > 0 ? "相关的资料有：" + string.Join("；", topics) + "。" : "请换一个关于知识库中产业数据的问题。")
                + (question.IsRefusal ? string.Empty : "可以试着问具体的指标和时期。");
        }

        var text = question.IsRefusal
            ? "I can't help with that: I only answer questions about the industry figures and articles in my knowledge base, and I don't give investment advice or discuss my instructions."
            : "The knowledge base doesn't cover that, and I won't guess a figure.";
        return topics.Count > 0 && !question.IsRefusal
            ? $"{text} What it does cover nearby: {string.Join("; ", topics)}. Try asking for a specific indicator and period."
            : text + " Ask me about a specific indicator and period, or type help to see what I cover.";
    }

    /// <summary>One cited sentence: a curated figure in the user's language, or the source sentence as written.</summary>
    internal static string Quote(QuestionAnalysis question, ReaderCandidate candidate)
    {
        if (question.IsChinese && candidate.Item.Figure is { IndicatorId.Length: > 0 } figure)
        {
            return ChineseFigureWriter.Sentence(figure, candidate.Item.Ref);
        }

        var row = TableRowQuote.Trim(question, candidate.Text.Trim(), candidate.Item.Source.Published);
        var text = candidate.Item.Source.Published is { } published ? RelativeDays.Annotate(row, published) : row;
        var marker = Marker(candidate);
        var cited = text.EndsWith('.') || text.EndsWith('。') ? text[..^1] + " " + marker + text[^1] : text + " " + marker + ".";
        if (candidate.Item.Figure?.SupersededBy is { Length: > 0 } superseded)
        {
            cited += " " + superseded;
        }

        return cited;
    }

    internal static string Marker(ReaderCandidate candidate) => "[" + candidate.Item.Ref.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>A supporting sentence earns its place with a figure the answer does not state yet, or, with no figures, new words.</summary>
    private static bool Adds(ReaderCandidate candidate, HashSet<string> numbers)
    {
        var own = Numbers(candidate.Text);
        return own.Count > 0 ? !own.IsSubsetOf(numbers) : numbers.Count == 0;
    }

    /// <summary>The figures of a text: its numbers less years and the days of dates ("21 January 2025").</summary>
    private static HashSet<string> Numbers(string text) =>
        Number().Matches(DatePart().Replace(text, " ")).Select(m => m.Value).Where(n => !(n.Length == 4 && n[0] is '1' or '2' && n.All(char.IsDigit))).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}\b")]
    private static partial Regex DatePart();

    [GeneratedRegex(@",\s|\b(?:and|both)\b|、|和|及")]
    private static partial Regex InParts();

    [GeneratedRegex(@"\d\s*percentage points?\s+(?:higher|lower|faster|slower|more|less|above|below|ahead)|个百分点", RegexOptions.IgnoreCase)]
    private static partial Regex StatedGap();

    [GeneratedRegex(@"(?<![\w.\[])\d+(?:[.,]\d+)*(?![\w\]])")]
    private static partial Regex Number();

    [GeneratedRegex(@"^(?:That|This|These|Those|It|With (?:that|this|these|those)|Of (?:that|this|these|those)|Of them|Of those)\b")]
    private static partial Regex BackReference();
}
