using System.Text.Json;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;

namespace ChatAnalyst.Tests.Orchestration;

/// <summary>
/// Answers written the way a hosted model writes them (rounded "about 1 trillion", worked-out gaps, Chinese units, two
/// sources) must pass the grounding guard, and the same answers with an invented figure must not
/// (<c>tests/eval/reference-answers.jsonl</c>).
/// </summary>
public sealed class ReferenceAnswerTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadLines(TestPaths.Eval("reference-answers.jsonl")).Where(l => l.Length > 0))
        {
            data.Add(line);
        }

        return data;
    }

    [Fact]
    public void The_reference_set_has_at_least_thirty_grounded_answers_and_some_invented_ones()
    {
        var cases = File.ReadLines(TestPaths.Eval("reference-answers.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("grounded").GetBoolean())
            .ToList();

        Assert.True(cases.Count(g => g) >= 30, $"{cases.Count(g => g)} grounded answers");
        Assert.Contains(false, cases);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_guard_accepts_model_style_answers_and_rejects_invented_figures(string line)
    {
        var root = JsonDocument.Parse(line).RootElement;
        var ledger = new CitationLedger();
        foreach (var evidence in root.GetProperty("evidence").EnumerateArray())
        {
            var source = new SourceInfo(evidence.GetProperty("source").GetString()!, "Source", "https://example.org/" + evidence.GetProperty("source").GetString(), null, null);
            ledger.Register(new ToolEvidence("search_articles", [new EvidenceItem(EvidenceKind.Passage, source, evidence.GetProperty("text").GetString()!)]));
        }

        var verdict = new GroundingGuard().Check(root.GetProperty("answer").GetString()!, ledger);

        Assert.True(verdict.IsGrounded == root.GetProperty("grounded").GetBoolean(), $"{root.GetProperty("id")}: {string.Join("; ", verdict.Problems)}");
    }
}
