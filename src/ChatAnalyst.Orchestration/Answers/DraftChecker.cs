using System.Text;
using System.Text.RegularExpressions;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Safety;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>
/// Lets a streamed answer out only as far as the grounding guard accepts it: as the model writes, each time a sentence
/// is complete the text so far is checked against the turn's evidence, and when it passes it is handed on renumbered
/// the way the final answer will be, links and images cleaned as in the final answer. Text the
/// <see cref="AnswerPolicy"/> rejects (ungrounded, or reciting the prompts) therefore never reaches the user ahead of
/// the final answer.
/// </summary>
internal sealed partial class DraftChecker(CitationLedger ledger, AnswerPolicy policy)
{
    private readonly StringBuilder _text = new();
    private int _checkedUpTo;

    /// <summary>The longest draft text (ledger numbering) that passed so far; null when none has.</summary>
    public string? Accepted { get; private set; }

    /// <summary>Adds a piece of draft text; returns the checked text so far when it grew by a sentence that passed.</summary>
    public string? Add(string delta)
    {
        _text.Append(delta);
        var end = LastSentenceEnd(_text.ToString());
        if (end <= _checkedUpTo)
        {
            return null;
        }

        // A sentence that fails now may pass once a later marker cites the source holding its figure (the guard reads
        // the whole text, as it will for the final answer), so a failure only holds the text back.
        _checkedUpTo = end;
        var prefix = _text.ToString(0, end).Trim();
        if (prefix.Length == 0 || !policy.Check(prefix, ledger).IsGrounded)
        {
            return null;
        }

        Accepted = prefix;
        return CitationMarkers.Renumber(policy.Clean(prefix, ledger), ledger).Text;
    }

    /// <summary>Forgets the draft (it was discarded; the next one starts afresh).</summary>
    public void Reset()
    {
        _text.Clear();
        _checkedUpTo = 0;
        Accepted = null;
    }

    private static int LastSentenceEnd(string text)
    {
        var match = SentenceEnd().Match(text);
        return match.Success ? match.Index + match.Length : 0;
    }

    /// <summary>
    /// The end of the last complete sentence: a full stop, question or exclamation mark with its citation markers and
    /// the space after it (a point followed by a digit is a decimal, not an end), a Chinese one, or a line break.
    /// </summary>
    [GeneratedRegex(@"[.!?](?:\s?\[\d{1,3}(?:\s*,\s*\d{1,3})*\])*\s|[。！？](?:\[\d{1,3}(?:\s*,\s*\d{1,3})*\])*|\n", RegexOptions.RightToLeft)]
    private static partial Regex SentenceEnd();
}
