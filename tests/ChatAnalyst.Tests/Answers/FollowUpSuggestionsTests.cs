using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;

namespace ChatAnalyst.Tests.Answers;

/// <summary>Follow-ups come from the turn's evidence: new figures only, at most three, short enough for a Teams button.</summary>
public sealed class FollowUpSuggestionsTests
{
    private static readonly SourceInfo Release = new("release.md", "Statistical release", "https://example.org/r", "Bureau", null);
    private static readonly SourceInfo Other = new("other.md", "Another note", "https://example.org/o", null, null);

    private static EvidenceItem Figure(SourceInfo source, string id, string name, string value, string period, string label, params string[] aliases) =>
        new(EvidenceKind.Figure, source, $"{name} was {value}% in {label}.", new FigureFact(id, name, value, "%", null, period, label, "actual", "yoy_growth", Aliases: aliases));

    private static CitationLedger Ledger(params EvidenceItem[] items)
    {
        var ledger = new CitationLedger();
        ledger.Register(new ToolEvidence("find_indicators", items));
        return ledger;
    }

    private static Citation Cite(SourceInfo source) => new(1, source.DocumentId, source.Title, source.Url, null, null, string.Empty);

    [Fact]
    public void Suggests_another_period_and_related_series_but_never_the_figure_just_given()
    {
        var ledger = Ledger(
            Figure(Release, "alpha-output-growth", "Alpha sector output value added growth", "8.9", "2024", "2024", "alpha output growth"),
            Figure(Release, "alpha-output-growth", "Alpha sector output value added growth", "9.2", "2025-01..11", "January–November 2025", "alpha output growth"),
            Figure(Release, "beta-output-growth", "Beta output growth", "9.3", "2025-01..11", "January–November 2025"),
            Figure(Other, "gamma-output-growth", "Gamma output growth", "4.1", "2024", "2024"));

        var followUps = FollowUpSuggestions.For("What was alpha growth in 2024?", [], "Alpha grew 8.9% in 2024 [1].", ledger, [Cite(Release)]);

        Assert.Equal(["Alpha output growth in Jan–Nov 2025?", "Beta output growth in Jan–Nov 2025?", "Gamma output growth in 2024?"], followUps);
        Assert.All(followUps, f => Assert.True(f.Length <= FollowUpSuggestions.MaxLength, f));
    }

    [Fact]
    public void A_suggestion_that_repeats_a_question_already_asked_is_dropped()
    {
        var ledger = Ledger(
            Figure(Release, "alpha", "Alpha output growth", "8.9", "2024", "2024"),
            Figure(Release, "beta", "Beta output growth", "9.3", "2024", "2024"));

        var followUps = FollowUpSuggestions.For("beta output growth in 2024", ["Beta output growth, in 2024?"], "Alpha grew 8.9% [1].", ledger, [Cite(Release)]);

        Assert.Empty(followUps);
    }

    [Fact]
    public void Names_too_long_for_a_button_are_left_out_and_a_decline_gets_no_suggestions()
    {
        var ledger = Ledger(
            Figure(Release, "alpha", "Alpha output growth", "8.9", "2024", "2024"),
            Figure(Release, "long", "A very long indicator name that no button could ever show whole", "1.5", "2024", "2024"));

        Assert.Empty(FollowUpSuggestions.For("Alpha in 2024?", [], "Alpha grew 8.9% [1].", ledger, [Cite(Release)]));
        Assert.Empty(FollowUpSuggestions.For("Alpha in 2024?", [], "I don't know.", ledger, []));
    }
}
