using System.Globalization;
using System.Text.Json;
using ChatAnalyst.Knowledge.Indicators;
using Xunit.Abstractions;

namespace ChatAnalyst.Tests.Indicators;

public sealed class FigureExtractorTests
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private readonly FigureExtractor _extractor = new();
    private readonly ITestOutputHelper _output;

    public FigureExtractorTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Extraction_precision_on_the_labelled_set_is_at_least_0_9()
    {
        var cases = File.ReadAllLines(TestPaths.Eval("figure-extraction.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<LabelledSentence>(l, Json)!)
            .ToList();
        int predicted = 0, expected = 0, correct = 0, periodRight = 0, qualifierRight = 0, statusChecked = 0, statusRight = 0;
        foreach (var c in cases)
        {
            var found = _extractor.ExtractFromSentence(c.Sentence);
            predicted += found.Count;
            expected += c.Figures.Count;
            var unmatched = c.Figures.ToList();
            foreach (var f in found)
            {
                var hit = unmatched.FirstOrDefault(e => e.Value == f.Value && e.Unit == f.Unit);
                if (hit is null)
                {
                    _output.WriteLine($"FALSE POSITIVE #{c.Id}: {f.Value} {f.Unit} in \"{c.Sentence}\"");
                    continue;
                }

                unmatched.Remove(hit);
                correct++;
                periodRight += hit.Period == f.Period?.ToString() ? 1 : 0;
                qualifierRight += hit.Qualifier == f.Qualifier ? 1 : 0;
                if (hit.Status is not null)
                {
                    statusChecked++;
                    statusRight += hit.Status == f.Status ? 1 : 0;
                }

                if (hit.Period != f.Period?.ToString())
                {
                    _output.WriteLine($"PERIOD #{c.Id}: {f.Value} {f.Unit} expected {hit.Period ?? "none"}, got {f.Period?.ToString() ?? "none"}");
                }
            }

            foreach (var miss in unmatched)
            {
                _output.WriteLine($"MISSED #{c.Id}: {miss.Value} {miss.Unit} in \"{c.Sentence}\"");
            }
        }

        var precision = predicted == 0 ? 0 : (double)correct / predicted;
        var recall = expected == 0 ? 0 : (double)correct / expected;
        _output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"sentences {cases.Count}, expected {expected}, predicted {predicted}, correct {correct}: precision {precision:0.000}, recall {recall:0.000}, period accuracy {(double)periodRight / correct:0.000}, qualifier accuracy {(double)qualifierRight / correct:0.000}, status {statusRight}/{statusChecked}"));

        Assert.True(cases.Count >= 36, "the labelled set needs at least 36 sentences");
        Assert.True(precision >= 0.9, $"precision {precision:0.000} < 0.9");
        Assert.True(recall >= 0.8, $"recall {recall:0.000} < 0.8");
        Assert.True((double)periodRight / correct >= 0.85, "period accuracy below 0.85");
    }

    [Theory]
    [InlineData("China ranked second in 2024 for the 15th consecutive year.")]
    [InlineData("The 14th Five-Year Plan runs from 2021 to 2025.")]
    [InlineData("The guideline was issued on August 26, 2025 by the State Council.")]
    [InlineData("5G coverage reached every county, the Top 100 list showed.")]
    public void Years_dates_ordinals_and_names_are_not_figures(string sentence)
    {
        Assert.Empty(_extractor.ExtractFromSentence(sentence));
    }

    [Fact]
    public void A_sentence_yields_value_unit_qualifier_period_and_subject()
    {
        var figures = _extractor.ExtractFromSentence(
            "Software business revenue in China totalled 12.2903 trillion yuan (about 1.68 trillion US dollars) in January–November 2024, a year-on-year rise of 10.7%.");

        Assert.Equal(3, figures.Count);
        Assert.Equal(("12.2903", "trillion yuan", (string?)null), (figures[0].Value, figures[0].Unit, figures[0].Qualifier));
        Assert.Equal(("1.68", "trillion USD", "about"), (figures[1].Value, figures[1].Unit, figures[1].Qualifier));
        Assert.Equal(("10.7", "%"), (figures[2].Value, figures[2].Unit));
        Assert.All(figures, f => Assert.Equal("2024-01..11", f.Period?.ToString()));
        Assert.Equal("Software business revenue", figures[0].Subject);
        Assert.Equal("Software business revenue", figures[2].Subject);
        Assert.Equal("yoy_growth", figures[2].Measure);
    }

    [Fact]
    public void Context_period_applies_only_when_the_sentence_names_none()
    {
        var context = Period.Parse("2024-01..11");

        var figures = _extractor.Extract("IT services made up 67.3% of total revenue. Exports rose 4.8% in 2023.", context);

        Assert.Equal(2, figures.Count);
        Assert.Equal("2024-01..11", figures[0].Period?.ToString());
        Assert.Equal("share", figures[0].Measure);
        Assert.Equal("2023", figures[1].Period?.ToString());
    }

    [Fact]
    public void Sentence_splitting_keeps_decimals_and_abbreviations_and_strips_markdown()
    {
        var sentences = FigureExtractor.SplitSentences("## Key figures\n\n- Revenue was 1.2691 trillion yuan, or 173.86 billion U.S. dollars. Exports grew 4.8%.\n");

        Assert.Equal(["Key figures", "Revenue was 1.2691 trillion yuan, or 173.86 billion U.S. dollars.", "Exports grew 4.8%."], sentences);
    }

    private sealed record LabelledSentence(int Id, string Sentence, List<LabelledFigure> Figures);

    private sealed record LabelledFigure(string Value, string Unit, string? Qualifier, string? Period, string? Status);
}
