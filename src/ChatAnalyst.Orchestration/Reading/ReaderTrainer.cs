namespace ChatAnalyst.Orchestration.Reading;

/// <summary>One labelled question for fitting: every candidate's features, which candidates answer it, whether it is answerable.</summary>
/// <param name="Features">The candidates' feature vectors.</param>
/// <param name="Correct">Per candidate: quoting it answers the question (accepted text, right article).</param>
/// <param name="Answerable">False for questions the knowledge base must decline.</param>
/// <param name="Chinese">The question is in Chinese (its terms reach the English articles through the glossary).</param>
/// <param name="Rules">The selector's rules for the question (see <see cref="ReaderSelector"/>).</param>
public sealed record TrainingQuestion(IReadOnlyList<double[]> Features, IReadOnlyList<bool> Correct, bool Answerable, bool Chinese = false, LeadRules Rules = LeadRules.Period);

/// <summary>
/// Fits the reader: a listwise (softmax) linear ranker over each question's candidates, so the right sentence scores
/// highest, then a logistic abstainer on the best candidate's scores — answerable questions whose best candidate is
/// right against questions that must be declined — and the probability threshold that decides best on the training data.
/// Plain batch gradient descent with L2: a few thousand rows of two dozen features fit in well under a second.
/// </summary>
public static class ReaderTrainer
{
    private const int Epochs = 3000;
    private const double LearningRate = 0.3;
    private const double L2 = 0.002;

    /// <summary>How much worse answering an out-of-scope question is than declining an answerable one.</summary>
    private const double WrongAnswerCost = 2;

    public static ReaderModel Fit(IReadOnlyList<TrainingQuestion> questions, Dictionary<string, string> provenance)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(provenance);
        var ranker = FitRanker(questions.Where(q => q.Answerable).Select(Eligible).Where(q => q.Correct.Any(c => c)).ToList());
        var rows = new List<(double[] Inputs, bool Answer)>();
        foreach (var question in questions.Where(q => q.Features.Count > 0))
        {
            var top = ReaderSelector.Select(question.Features, question.Features.Select(f => Dot(ranker, f)).ToList(), question.Rules);
            if (top < 0)
            {
                continue;
            }

            var inputs = ReaderModel.AbstainInputs(question.Features, top, question.Chinese, question.Rules);
            if (!question.Answerable)
            {
                rows.Add((inputs, false));
            }
            else if (question.Correct[top])
            {
                rows.Add((inputs, true));
            }
        }

        var abstainer = FitLogistic(rows);
        var threshold = BestThreshold(OutOfFold(rows));
        return ReaderModel.From(ranker, abstainer, threshold, provenance);
    }

    /// <summary>Top-1 accuracy of a ranker: the share of questions whose best-scored candidate is correct.</summary>
    public static double TopOne(ReaderModel model, IReadOnlyList<TrainingQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(questions);
        var answerable = questions.Where(q => q.Answerable).ToList();
        if (answerable.Count == 0)
        {
            return 0;
        }

        return (double)answerable.Count(q => Lead(q, model.Score) is var top && top >= 0 && q.Correct[top]) / answerable.Count;
    }

    /// <summary>
    /// Out-of-fold top-1: the questions are split into <paramref name="folds"/> parts, each part scored by a ranker
    /// fitted on the others. An honest estimate for comparing features, since no question scores its own fit.
    /// </summary>
    public static double CrossValidatedTopOne(IReadOnlyList<TrainingQuestion> questions, int folds = 5)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var answerable = questions.Where(q => q.Answerable && q.Features.Count > 0).ToList();
        var right = 0;
        for (var fold = 0; fold < folds; fold++)
        {
            var train = answerable.Where((_, i) => i % folds != fold).Select(Eligible).Where(q => q.Correct.Any(c => c)).ToList();
            var w = FitRanker(train);
            right += answerable.Where((_, i) => i % folds == fold)
                .Count(q => Lead(q, f => Dot(w, f)) is var top && top >= 0 && q.Correct[top]);
        }

        return answerable.Count == 0 ? 0 : (double)right / answerable.Count;
    }

    /// <summary>
    /// Out-of-fold share of right decisions by the whole model (ranker, abstainer and threshold fitted on the other
    /// folds): an answerable question answered with a correct best candidate, or an unanswerable one declined.
    /// </summary>
    public static double CrossValidatedDecisions(IReadOnlyList<TrainingQuestion> questions, int folds = 5)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var usable = questions.Where(q => q.Features.Count > 0).ToList();
        var right = 0;
        for (var fold = 0; fold < folds; fold++)
        {
            var model = Fit(usable.Where((_, i) => i % folds != fold).ToList(), []);
            foreach (var q in usable.Where((_, i) => i % folds == fold))
            {
                var top = Lead(q, model.Score);
                var answers = top >= 0 && model.AnswerProbability(ReaderModel.AbstainInputs(q.Features, top, q.Chinese, q.Rules)) >= model.AnswerThreshold;
                right += (q.Answerable ? answers && q.Correct[top] : !answers) ? 1 : 0;
            }
        }

        return usable.Count == 0 ? 0 : (double)right / usable.Count;
    }

    /// <summary>
    /// Top-1 accuracy of the naive baseline on the same candidates: sentence similarity plus 0.3 × the share of the
    /// question's terms the sentence holds (a stand-in for normalised BM25). What the fitted ranker must beat.
    /// </summary>
    public static double BaselineTopOne(IReadOnlyList<TrainingQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var baseline = new double[ReaderFeatures.Names.Length];
        baseline[ReaderFeatures.Similarity] = 1;
        baseline[ReaderFeatures.SubjectCoverage] = 0.3;
        return TopOne(ReaderModel.From(baseline, new double[ReaderModel.AbstainNames.Length], 0.5, []), questions);
    }

    /// <summary>The lead the reader would pick with this scoring (see <see cref="ReaderSelector"/>).</summary>
    private static int Lead(TrainingQuestion question, Func<double[], double> score) =>
        ReaderSelector.Select(question.Features, question.Features.Select(score).ToList(), question.Rules);

    /// <summary>The question with only the candidates that may lead: the ranker learns to order those.</summary>
    private static TrainingQuestion Eligible(TrainingQuestion question)
    {
        var mayLead = ReaderSelector.MayLead(question.Features, question.Rules);
        return question with
        {
            Features = question.Features.Where((_, i) => mayLead[i]).ToList(),
            Correct = question.Correct.Where((_, i) => mayLead[i]).ToList(),
        };
    }

    private static double[] FitRanker(List<TrainingQuestion> questions)
    {
        var dimensions = ReaderFeatures.Names.Length;
        var w = new double[dimensions];
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            var gradient = new double[dimensions];
            foreach (var q in questions)
            {
                // -log(sum over correct of softmax): gradient = E_all[x] - E_correct[x].
                var scores = q.Features.Select(f => Dot(w, f)).ToArray();
                var max = scores.Max();
                var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
                var all = exp.Sum();
                var right = exp.Where((_, i) => q.Correct[i]).Sum();
                for (var i = 0; i < q.Features.Count; i++)
                {
                    var coefficient = (exp[i] / all) - (q.Correct[i] ? exp[i] / right : 0);
                    for (var d = 0; d < dimensions; d++)
                    {
                        gradient[d] += coefficient * q.Features[i][d];
                    }
                }
            }

            for (var d = 0; d < dimensions; d++)
            {
                w[d] -= LearningRate * ((gradient[d] / Math.Max(questions.Count, 1)) + (L2 * w[d]));
            }
        }

        return w;
    }

    private static double[] FitLogistic(List<(double[] Inputs, bool Answer)> rows)
    {
        var dimensions = ReaderModel.AbstainNames.Length;
        var w = new double[dimensions];
        if (rows.Count == 0)
        {
            return w;
        }

        // Classes are weighted equally, so a training set with few declines still learns to decline.
        var positives = Math.Max(rows.Count(r => r.Answer), 1);
        var negatives = Math.Max(rows.Count(r => !r.Answer), 1);
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            var gradient = new double[dimensions];
            foreach (var (inputs, answer) in rows)
            {
                var p = 1 / (1 + Math.Exp(-Dot(w, inputs)));
                var weight = answer ? 0.5 / positives : 0.5 / negatives;
                for (var d = 0; d < dimensions; d++)
                {
                    gradient[d] += weight * (p - (answer ? 1 : 0)) * inputs[d];
                }
            }

            for (var d = 0; d < dimensions; d++)
            {
                w[d] -= LearningRate * (gradient[d] + (L2 * w[d]));
            }
        }

        return w;
    }

    /// <summary>
    /// The probability cut with the lowest cost on the training rows, where answering a question the knowledge base does
    /// not cover costs <see cref="WrongAnswerCost"/> times a false refusal (a wrong figure misleads; a refusal only fails
    /// to help). Ties go to the lower cut.
    /// </summary>
    private static double BestThreshold(List<(double P, bool Answer)> probabilities)
    {
        var best = 0.5;
        var bestCost = double.MaxValue;
        foreach (var cut in Enumerable.Range(1, 98).Select(i => i / 100.0))
        {
            var cost = probabilities.Count(p => p.Answer && p.P < cut) + (WrongAnswerCost * probabilities.Count(p => !p.Answer && p.P >= cut));
            if (cost < bestCost)
            {
                (best, bestCost) = (cut, cost);
            }
        }

        return best;
    }

    /// <summary>
    /// Each row's answer probability from an abstainer fitted on the other folds' rows: what the threshold is chosen on,
    /// so it is set on probabilities like those of questions the fit has not seen, not on the fit's own.
    /// </summary>
    private static List<(double P, bool Answer)> OutOfFold(List<(double[] Inputs, bool Answer)> rows, int folds = 5)
    {
        var probabilities = new (double P, bool Answer)[rows.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var w = FitLogistic(rows.Where((_, i) => i % folds != fold).ToList());
            for (var i = fold; i < rows.Count; i += folds)
            {
                probabilities[i] = (1 / (1 + Math.Exp(-Dot(w, rows[i].Inputs))), rows[i].Answer);
            }
        }

        return [.. probabilities];
    }

    private static double Dot(double[] w, double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < w.Length; i++)
        {
            sum += w[i] * x[i];
        }

        return sum;
    }
}
