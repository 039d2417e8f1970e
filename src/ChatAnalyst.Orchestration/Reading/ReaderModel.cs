using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// The reader's fitted weights, loaded from one data file (<c>reader-model.json</c>, embedded in this assembly and
/// written by <c>chatanalyst fit reader</c> with its provenance). The ranker scores each candidate linearly; the
/// abstainer is a logistic model over the best candidate's scores whose probability, below a threshold fitted on the
/// training data, means the knowledge base does not answer the question.
/// </summary>
public sealed class ReaderModel
{
    private const string ResourceName = "reader-model.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private double[] _ranker = [];
    private double[] _abstainer = [];

    /// <summary>Names of the abstainer's inputs, in vector order (see <see cref="AbstainInputs"/>).</summary>
    public static readonly string[] AbstainNames = ["bias", "top_similarity", "top_subject_coverage", "top_context_coverage", "top_entities_missing", "top_period_conflict", "top_period_same_year", "top_year_conflict", "chinese_question", "coverage_lost"];

    /// <summary>Where the numbers came from: command, data, date, training metrics.</summary>
    [JsonPropertyName("provenance")]
    public Dictionary<string, string> Provenance { get; init; } = [];

    /// <summary>Ranker weight per feature name (<see cref="ReaderFeatures.Names"/>).</summary>
    [JsonPropertyName("ranker")]
    public Dictionary<string, double> Ranker { get; init; } = [];

    /// <summary>Abstainer weight per input name (<see cref="AbstainNames"/>).</summary>
    [JsonPropertyName("abstainer")]
    public Dictionary<string, double> Abstainer { get; init; } = [];

    /// <summary>Answer only when the abstainer's probability is at least this.</summary>
    [JsonPropertyName("answer_threshold")]
    public double AnswerThreshold { get; init; } = 0.5;

    /// <summary>The model shipped with the product.</summary>
    public static ReaderModel LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(typeof(ReaderModel), ResourceName)
            ?? throw new InvalidOperationException($"The embedded reader model '{ResourceName}' is missing; run 'chatanalyst fit reader'.");
        return Load(stream);
    }

    public static ReaderModel Load(Stream stream)
    {
        var model = JsonSerializer.Deserialize<ReaderModel>(stream, Json) ?? throw new InvalidDataException("The reader model file is empty.");
        return model.Prepared();
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + Environment.NewLine);

    /// <summary>A model from fitted vectors.</summary>
    public static ReaderModel From(double[] ranker, double[] abstainer, double threshold, Dictionary<string, string> provenance) =>
        new ReaderModel
        {
            Provenance = provenance,
            Ranker = ReaderFeatures.Names.Select((n, i) => (n, w: Math.Round(ranker[i], 4))).ToDictionary(p => p.n, p => p.w),
            Abstainer = AbstainNames.Select((n, i) => (n, w: Math.Round(abstainer[i], 4))).ToDictionary(p => p.n, p => p.w),
            AnswerThreshold = Math.Round(threshold, 4),
        }.Prepared();

    /// <summary>The ranker's score of a feature vector: higher is a better answer.</summary>
    public double Score(double[] features) => Dot(_ranker, features);

    /// <summary>Probability that answering with the best candidate is right rather than a guess.</summary>
    public double AnswerProbability(double[] inputs) => 1 / (1 + Math.Exp(-Dot(_abstainer, inputs)));

    /// <summary>
    /// The abstainer's inputs for the lead: <paramref name="lead"/> indexes the candidate chosen by
    /// <see cref="ReaderSelector"/> among <paramref name="candidates"/> (every candidate's features).
    /// </summary>
    /// <remarks>
    /// Only what says whether the evidence is about the question at all (closeness, subject, entities, period), not the
    /// ranker's score, which mixes those with what ranks one sentence above its neighbours. Without the period rules
    /// (no <see cref="LeadRules.Period"/> in <paramref name="rules"/>: the question's period may date an event), another period is no sign of
    /// evidence about something else; another period within the year asked (June 2025 for "mid-2025") is a lesser mismatch
    /// than another year, so the abstainer weighs it on its own. <c>coverage_lost</c> is how much more of the question's subject the best candidate
    /// that may not lead covers than the lead does: when the evidence about the subject is all for another period or
    /// entity, the lead is whatever else was left, and the knowledge base does not hold the answer.
    /// </remarks>
    public static double[] AbstainInputs(IReadOnlyList<double[]> candidates, int lead, bool chinese, LeadRules rules = LeadRules.Period)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var top = candidates[lead];
        var coverage = ReaderFeatures.SubjectCoverage;
        var mayLead = ReaderSelector.MayLead(candidates, rules);
        var periodRules = rules.HasFlag(LeadRules.Period);
        var lost = candidates.Where((_, i) => !mayLead[i]).Select(f => f[coverage] - top[coverage]).DefaultIfEmpty(0).Max();
        return
        [
            1,
            top[ReaderFeatures.Similarity],
            top[coverage],
            top[ReaderFeatures.ContextCoverage],
            top[ReaderFeatures.EntitiesMissing],
            periodRules ? top[ReaderFeatures.PeriodConflict] : 0,
            periodRules ? top[ReaderFeatures.PeriodSameYear] : 0,
            periodRules ? top[ReaderFeatures.YearConflict] : 0,
            chinese ? 1 : 0,
            Math.Max(0, lost),
        ];
    }

    private ReaderModel Prepared()
    {
        // A feature the file does not name weighs nothing; a name the code does not know is a stale file.
        var unknown = Ranker.Keys.Except(ReaderFeatures.Names).Concat(Abstainer.Keys.Except(AbstainNames)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"The reader model names features this version does not compute ({string.Join(", ", unknown)}); run 'chatanalyst fit reader'.");
        }

        _ranker = ReaderFeatures.Names.Select(n => Ranker.GetValueOrDefault(n)).ToArray();
        _abstainer = AbstainNames.Select(n => Abstainer.GetValueOrDefault(n)).ToArray();
        return this;
    }

    private static double Dot(double[] weights, double[] values)
    {
        var sum = 0.0;
        for (var i = 0; i < weights.Length && i < values.Length; i++)
        {
            sum += weights[i] * values[i];
        }

        return sum;
    }
}
