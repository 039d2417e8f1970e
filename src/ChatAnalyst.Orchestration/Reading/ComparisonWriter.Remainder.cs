using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// "How many of them were not A", "how much of the output did not come from A": the total less the part the article
/// gives for A ("59 million units, of which 32 million were A"; "output totalled 159.24 tons … Of that, A produced
/// 131.47 tons"). Both figures come from the lead and its neighbours in one article, and the grounding guard
/// recomputes the difference from them.
/// </summary>
public static partial class ComparisonWriter
{
    /// <summary>The remainder sentence and the figure it works out, or null when the question asks for none or the evidence lacks a total and its part.</summary>
    public static (string Text, string Gap)? Remainder(QuestionAnalysis question, ReaderCandidate lead, IReadOnlyList<ReaderCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(candidates);
        var part = NotPart().Match(question.Text) is { Success: true } m ? TextTerms.ContentTerms(m.Groups["x"].Value).Where(t => !RemainderVerbs.Contains(t)).ToArray() : [];
        if (part.Length == 0)
        {
            return null;
        }

        // The lead, the sentence before it and the one after it, in reading order.
        var asked = question with { WantsChange = false, Measure = MeasureWanted.Amount };
        var next = candidates.Where(c => c.DocumentId == lead.DocumentId && c.Position == lead.Position + 1).Take(1);
        var window = (lead.Previous.Length > 0 ? [lead with { Text = lead.Previous }] : Array.Empty<ReaderCandidate>()).Append(lead).Concat(next).ToList();
        var figures = window.Select(c => Figures(c, c.Text, asked).FindAll(f => f.Kind != "%")).ToList();

        // The part: the figure nearest to where a sentence names it. The total: the nearest figure of the same kind before
        // it (in its sentence or an earlier one) that is larger.
        (int Sentence, Figure Figure, int Distance)? found = null;
        for (var s = 0; s < window.Count; s++)
        {
            var lower = window[s].Text.ToLowerInvariant();
            var mentions = Mentions(window[s].Text, lower, part.Take(1));
            foreach (var figure in figures[s])
            {
                var distance = mentions.Count == 0 ? int.MaxValue : mentions.Min(i => Distance(lower, i, figure.Index));
                if (distance < 60 && (found is null || distance < found.Value.Distance))
                {
                    found = (s, figure, distance);
                }
            }
        }

        if (found is not { } named)
        {
            return null;
        }

        var partFigure = named.Figure;
        var total = Enumerable.Range(0, named.Sentence + 1).Reverse()
            .SelectMany(s => figures[s].Where(f => s < named.Sentence || f.Index < partFigure.Index).Reverse())
            .FirstOrDefault(f => f.Kind == partFigure.Kind && f.Value > partFigure.Value && (f.Word.Length == 0 || partFigure.Word.Length == 0 || f.Word == partFigure.Word));
        if (total is null)
        {
            return null;
        }

        var (gap, unit, counted) = GapOf(total, partFigure, signed: false);
        var markers = total.Marker == partFigure.Marker ? total.Marker : total.Marker + partFigure.Marker;
        return ($"That leaves {gap}{unit}{counted}{PeriodOf(total, partFigure)}: {Shown(total, false)}{counted} in all, less {Shown(partFigure, false)}{counted} {markers}.", gap);
    }

    /// <summary>Verbs of the negated part that name nothing ("did not come from A", "were not made by A"); its small words are no terms either.</summary>
    private static readonly HashSet<string> RemainderVerbs = new(StringComparer.Ordinal) { "come", "came", "made", "make", "get", "got", "go", "went" };

    /// <summary>"How many … were not A", "how much … did not come from A", "… weren't A".</summary>
    [GeneratedRegex(@"\bhow\s+(?:much|many)\b[^?]*?\b(?:not|n't)\s+(?<x>[^,?]{2,60}?)(?=\s*(?:[,?]|$|\b(?:in|during)\s+(?:(?:h[12]|q[1-4]|[a-z]+)\s+)?(?:19|20)\d\d))", RegexOptions.IgnoreCase)]
    private static partial Regex NotPart();
}
