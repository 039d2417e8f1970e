using System.Text.RegularExpressions;

namespace ChatAnalyst.Orchestration.Offline;

/// <summary>A question as the offline model understands it, with follow-ups resolved against the previous question.</summary>
public sealed partial record OfflineQuestion
{
    private static readonly string[] RefusalPatterns =
    [
        "system prompt", "your instructions", "your prompt", "ignore previous", "ignore all", "ignore your",
        "reveal your", "developer mode", "jailbreak", "提示词", "系统提示", "忽略之前", "忽略以上",
    ];

    private static readonly string[] AdvicePatterns =
    [
        "should i buy", "should i sell", "should i invest", "stock tip", "stock pick", "which stock", "buy shares",
        "investment advice", "price target", "买哪只", "投资建议", "该买", "股票推荐",
    ];

    public required string Text { get; init; }

    /// <summary>The text to search with: the question, plus the previous question for follow-ups.</summary>
    public required string SearchText { get; init; }

    public required QuestionIntent Intent { get; init; }

    public required bool IsChinese { get; init; }

    /// <summary>The question asks the bot to reveal its instructions or for investment advice: always declined.</summary>
    public required bool IsRefusal { get; init; }

    /// <summary>Content terms of the question (and of the previous question for follow-ups).</summary>
    public required IReadOnlyList<string> Terms { get; init; }

    /// <summary>Content terms the user typed in this message.</summary>
    public required IReadOnlyList<string> OwnTerms { get; init; }

    /// <summary>Years the question names (or inherits from the previous question).</summary>
    public required IReadOnlyList<int> Years { get; init; }

    /// <summary>The question continues the previous one ("What about ...?", "And for the full year?").</summary>
    public required bool IsFollowUp { get; init; }

    public static OfflineQuestion Analyze(string text, IReadOnlyList<string> earlierQuestions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(earlierQuestions);
        var lower = text.ToLowerInvariant();
        var previous = earlierQuestions.Count > 0 ? earlierQuestions[^1] : null;
        var ownTerms = TextTerms.ContentTerms(text);
        var isFollowUp = previous is not null && (FollowUpStart().IsMatch(lower) || ownTerms.Count <= 2);
        var intent = IntentOf(lower);
        if (isFollowUp && intent == QuestionIntent.General)
        {
            intent = IntentOf(previous!.ToLowerInvariant());
        }

        var years = TextTerms.Years(text);
        if (isFollowUp && years.Count == 0)
        {
            years = TextTerms.Years(previous!);
        }

        var searchText = isFollowUp ? $"{text} {previous}" : text;
        return new OfflineQuestion
        {
            Text = text,
            SearchText = searchText,
            Intent = intent,
            IsChinese = TextTerms.IsChinese(text),
            IsRefusal = RefusalPatterns.Concat(AdvicePatterns).Any(p => lower.Contains(p, StringComparison.Ordinal)),
            Terms = isFollowUp ? ownTerms.Concat(TextTerms.ContentTerms(previous!)).Distinct().ToList() : ownTerms,
            OwnTerms = ownTerms,
            Years = years,
            IsFollowUp = isFollowUp,
        };
    }

    private static QuestionIntent IntentOf(string lower)
    {
        if (ComparisonCue().IsMatch(lower))
        {
            return QuestionIntent.Comparison;
        }

        if (FigureCue().IsMatch(lower))
        {
            return QuestionIntent.Figure;
        }

        if (ListCue().IsMatch(lower))
        {
            return QuestionIntent.List;
        }

        if (WhenCue().IsMatch(lower))
        {
            return QuestionIntent.When;
        }

        return QuestionIntent.General;
    }

    [GeneratedRegex(@"^\s*(what about|how about|and\b|and what|same for|what of|那么|那|还有|以及)")]
    private static partial Regex FollowUpStart();

    [GeneratedRegex(@"\b(faster|slower|higher|lower|bigger|larger|smaller|more than|less than|versus|vs\.?|compare|compared|which (grew|rose|was|is|had|added)|or)\b.*\b(or|than|vs\.?|versus|and)\b|哪个|更快|更高|相比|比较")]
    private static partial Regex ComparisonCue();

    [GeneratedRegex(@"\b(how (much|many|big|large|fast)|what (was|is|were) the (size|growth|value|number|share|rate|density|capacity)|growth|grew|size|revenue|share|rate|percent|%|density|capacity|number of|count)\b|多少|规模|增长|增速|占比|比重")]
    private static partial Regex FigureCue();

    [GeneratedRegex(@"\b(which|what) (areas|fields|sectors|areas|domains|targets|goals|priorities)\b|\blist\b|\bname the\b|哪些|领域")]
    private static partial Regex ListCue();

    [GeneratedRegex(@"\b(when|what (date|period|year|month)|which (period|year|month))\b|什么时候|何时")]
    private static partial Regex WhenCue();
}
