using System.Diagnostics;
using System.Text.Json;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;
using ChatAnalyst.Orchestration.Reading;

namespace ChatAnalyst.Orchestration.Evaluation;

/// <summary>
/// Runs an answers evaluation file through the orchestrator, conversation by conversation (earlier questions are
/// really asked first, so follow-ups resolve as they would in chat), and scores accuracy, citations, refusals,
/// unsupported numbers (checked independently of the guard, against the cited passages) and latency.
/// </summary>
/// <remarks>
/// Only an answer's lead — its first two sentences — is scored, never what follows or the Sources list: an analyst reads
/// the lead. Context recall asks whether the evidence the turn's tools returned held the answer at all, whatever model
/// answered. Given the offline reader's <see cref="ReaderTraceSink"/>, it also scores the naive baseline on the same
/// retrieved sentences, and how often one sentence the reader saw holds the whole answer.
/// </remarks>
public sealed partial class AnswerEvaluator(AnswerOrchestrator orchestrator, ReaderTraceSink? traces = null)
{
    private const int LeadSentences = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<AnswerCase> Load(string path) =>
        File.ReadLines(path)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select((l, i) => JsonSerializer.Deserialize<AnswerCase>(l, Json) ?? throw new InvalidDataException($"{path}:{i + 1}: empty case"))
            .ToList();

    public async Task<AnswerReport> EvaluateAsync(IReadOnlyList<AnswerCase> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        int correct = 0, citedRight = 0, citeCases = 0, declinesRight = 0, declineCases = 0, falseRefusals = 0, unsupported = 0;
        int baselineRight = 0, contextHits = 0, sentenceHits = 0, answerable = 0;
        if (traces is not null)
        {
            traces.Enabled = true;
        }

        var latencies = new List<double>();
        var failures = new List<AnswerFailure>();
        var contextMisses = new List<ContextMiss>();
        foreach (var @case in cases)
        {
            var history = new List<ChatTurn>();
            foreach (var earlier in @case.History)
            {
                var previous = await orchestrator.AnswerAsync(history, earlier, cancellationToken);
                history.Add(new ChatTurn(ChatTurn.User, earlier));
                history.Add(new ChatTurn(ChatTurn.Assistant, previous.Text));
            }

            traces?.Drain();
            var started = Stopwatch.GetTimestamp();
            var answer = await orchestrator.AnswerAsync(history, @case.Question, cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var trace = traces?.Drain() is [.., var last] ? last : null;
            if (!@case.ExpectsDecline)
            {
                answerable++;
                if (@case.IsHeldBy(answer.Evidence.Select(e => (e.Text, e.Source.DocumentId))))
                {
                    contextHits++;
                }
                else
                {
                    contextMisses.Add(new ContextMiss(@case.Id, @case.Question, answer.Evidence.Count));
                }

                if (trace is not null)
                {
                    sentenceHits += trace.Candidates.Any(c => @case.IsAnsweredBy(c.Text, c.DocumentId)) ? 1 : 0;
                    baselineRight += Baseline(trace) is { } pick && @case.IsAnsweredBy(pick.Text, pick.DocumentId) ? 1 : 0;
                }
            }

            var unsupportedHere = UnsupportedNumbers(answer);
            unsupported += unsupportedHere.Count;
            if (@case.ExpectsDecline)
            {
                declineCases++;
                if (answer.Kind == AnswerKind.Decline)
                {
                    declinesRight++;
                    correct++;
                }
                else
                {
                    failures.Add(new AnswerFailure(@case.Id, @case.Question, "answered an out-of-scope question", answer.Text));
                }

                continue;
            }

            if (answer.Kind == AnswerKind.Decline)
            {
                falseRefusals++;
            }

            var accepted = @case.Accept.Count == 0 || @case.IsAnsweredBy(Lead(answer.Text));
            if (accepted && answer.Kind != AnswerKind.Decline)
            {
                correct++;
            }
            else
            {
                failures.Add(new AnswerFailure(@case.Id, @case.Question, answer.Kind == AnswerKind.Decline ? "declined" : "no accepted form", answer.Text));
            }

            if (@case.MustCite.Count > 0)
            {
                citeCases++;
                var cited = answer.Citations.Select(c => c.DocumentId).ToHashSet(StringComparer.OrdinalIgnoreCase);
                if (@case.MustCite.All(cited.Contains))
                {
                    citedRight++;
                }
                else if (accepted)
                {
                    failures.Add(new AnswerFailure(@case.Id, @case.Question, "cited " + string.Join(", ", cited) + " instead of " + string.Join(", ", @case.MustCite), answer.Text));
                }
            }

            if (unsupportedHere.Count > 0)
            {
                failures.Add(new AnswerFailure(@case.Id, @case.Question, "unsupported numbers: " + string.Join(", ", unsupportedHere), answer.Text));
            }
        }

        latencies.Sort();
        return new AnswerReport(
            cases.Count,
            Ratio(correct, cases.Count),
            Ratio(citedRight, citeCases),
            Ratio(declinesRight, declineCases),
            falseRefusals,
            unsupported,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.95),
            failures)
        {
            // The baseline never declines, so out-of-scope cases count against it.
            BaselineAccuracy = traces is null ? null : Ratio(baselineRight, cases.Count),
            ContextRecall = Ratio(contextHits, answerable),
            SentenceRecall = traces is null ? null : Ratio(sentenceHits, answerable),
            ContextMisses = contextMisses,
        };
    }

    /// <summary>The first two sentences of an answer: what is scored.</summary>
    public static string Lead(string answer) =>
        string.Join(' ', SentenceSplitter.SplitText(answer ?? string.Empty).Take(LeadSentences));

    private static (string Text, string DocumentId, double[] Features)? Baseline(ReaderTrace trace)
    {
        var similarity = ReaderFeatures.Similarity;
        var coverage = ReaderFeatures.SubjectCoverage;
        return trace.Candidates.Count == 0 ? null : trace.Candidates.MaxBy(c => c.Features[similarity] + (0.3 * c.Features[coverage]));
    }

    /// <summary>Numbers in the answer that none of its cited passages, titles or publication dates contain.</summary>
    public static IReadOnlyList<string> UnsupportedNumbers(AnalystAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var supported = new EvidenceNumbers();
        foreach (var citation in answer.Citations)
        {
            supported.Add(citation.Passage);
            supported.Add(citation.Title);
            if (citation.Published is null)
            {
                // An undated article's link shows the year it is filed under ("/2024/0713/").
                foreach (System.Text.RegularExpressions.Match year in UrlYearCue().Matches(citation.Url))
                {
                    supported.Add(new DateOnly(int.Parse(year.Value, System.Globalization.CultureInfo.InvariantCulture), 1, 1));
                }
            }

            if (citation.Published is { } published)
            {
                // The citation shows its article's date, so the answer may state the period it dates ("in November" in
                // an article of December 2011 is November 2011).
                supported.Add(published);

                // A month later in the year than the article's own ("end of December" in a January article), or "last
                // year", is of the year before.
                if (PreviousYearCue().IsMatch(citation.Passage) || NumberReader.MonthNumbersIn(citation.Passage).Any(m => m > published.Month))
                {
                    supported.Add(new DateOnly(published.Year - 1, 1, 1));
                }

                // A weekday in the passage ("said on Friday") may be given with its date: the date the article dates it to.
                foreach (var (_, _, day) in RelativeDays.Find(citation.Passage, published))
                {
                    supported.Add(day);
                }
            }
        }

        var cited = string.Join('\n', answer.Citations.Select(c => c.Passage));
        return NumberReader.Read(CitationMarkers.Strip(answer.Text))
            .Where(m => !supported.Supports(m) && !IsDifferenceOfTwo(m.Text, cited))
            .Select(m => m.Text)
            .ToList();
    }

    /// <summary>
    /// A worked-out gap: the number equals, at its own precision, the difference of two plain numbers in the cited text,
    /// or their sum (a rise against a fall). Deliberately separate from the guard's recomputation, so a bug in one is
    /// caught by the other.
    /// </summary>
    private static bool IsDifferenceOfTwo(string number, string cited)
    {
        // The leading digits only: "366 million" is compared with the cited "887 million" and "521 million" as 366;
        // thousands separators are dropped on both sides ("16,700").
        number = System.Text.RegularExpressions.Regex.Match(number.Replace(",", string.Empty, StringComparison.Ordinal), @"^\d+(?:\.\d+)?").Value;
        cited = System.Text.RegularExpressions.Regex.Replace(cited, @"(?<=\d),(?=\d{3})", string.Empty);
        if (!decimal.TryParse(number, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var decimals = number.Contains('.', StringComparison.Ordinal) ? number.Length - number.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        var values = System.Text.RegularExpressions.Regex.Matches(cited, @"\d+(?:\.\d+)?")
            .Select(m => decimal.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture))
            .Distinct()
            .ToList();
        return values.Any(a => values.Any(b => a > b && (Math.Round(a - b, decimals) == value || Math.Round(a + b, decimals) == value)));
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:last|previous|past) year\b|\ba year (?:earlier|ago|before)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex PreviousYearCue();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=/)(?:19|20)\d\d(?=[/\d-])")]
    private static partial System.Text.RegularExpressions.Regex UrlYearCue();
}
