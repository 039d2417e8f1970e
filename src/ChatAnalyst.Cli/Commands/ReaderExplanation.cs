using System.Globalization;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Reading;

namespace ChatAnalyst.Cli.Commands;

/// <summary>
/// <c>ask --explain</c>: what the offline reader saw — its best candidates with their scores, which of them may lead,
/// and the abstainer's verdict on the lead. For working on the reader without a debugger.
/// </summary>
internal static class ReaderExplanation
{
    private const int Shown = 8;
    private const int TextWidth = 110;

    public static void Print(IReadOnlyList<ReaderTrace> traces, ReaderModel model, TextWriter output)
    {
        if (traces is not [.., var trace] || trace.Candidates.Count == 0)
        {
            output.WriteLine("reader: no candidates were scored (declined before reading, a chart, or a hosted model).");
            return;
        }

        var features = trace.Candidates.Select(c => c.Features).ToList();
        var scores = features.Select(model.Score).ToList();
        var mayLead = ReaderSelector.MayLead(features, trace.Rules);
        var lead = ReaderSelector.Select(features, scores, trace.Rules);
        if (lead >= 0)
        {
            var inputs = ReaderModel.AbstainInputs(features, lead, TextTerms.IsChinese(trace.Question), trace.Rules);
            var p = model.AnswerProbability(inputs);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reader: answer probability {p:F2} against threshold {model.AnswerThreshold:F2} ({(p >= model.AnswerThreshold ? "answers" : "declines")})"));
            // What the abstainer weighed, so a decline can be traced to its cause (a year conflict, low coverage…).
            var weighed = ReaderModel.AbstainNames.Zip(inputs).Skip(1).Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.First} {x.Second:F2}"));
            output.WriteLine("reader: abstainer inputs " + string.Join(", ", weighed));
        }
        else
        {
            output.WriteLine("reader: no candidate may lead (period or entity rules); declines");
        }

        foreach (var i in Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).Take(Shown))
        {
            var (text, document, _) = trace.Candidates[i];
            var mark = i == lead ? "*" : mayLead[i] ? " " : "x";
            var shown = text.Length > TextWidth ? text[..TextWidth] + "…" : text;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mark} {scores[i],6:F2}  {document}: {shown}"));
        }
    }
}
