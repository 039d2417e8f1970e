using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;

namespace ChatAnalyst.Tests.Orchestration;

public sealed class GroundingGuardTests
{
    private static readonly SourceInfo Note = new("00-note.md", "China's core AI industry", "https://example.org/a", "MIIT", new DateOnly(2025, 12, 29));

    private static CitationLedger Ledger(params string[] texts)
    {
        var ledger = new CitationLedger();
        ledger.Register(new ToolEvidence("search_articles", texts.Select(t => new EvidenceItem(EvidenceKind.Passage, Note, t)).ToList()));
        return ledger;
    }

    [Theory]
    [InlineData("High-tech manufacturing grew 9.2% [1].")]
    [InlineData("High-tech manufacturing grew 9.2 percent [1].")]
    [InlineData("High-tech manufacturing grew 9.2 per cent [1].")]
    [InlineData("高技术制造业增加值增长9.2% [1]。")]
    public void Percent_spellings_are_one_number(string answer)
    {
        var verdict = new GroundingGuard().Check(answer, Ledger("High-tech manufacturing value added rose 9.2% year on year in January to November 2025."));

        Assert.True(verdict.IsGrounded, string.Join("; ", verdict.Problems));
    }

    [Theory]
    [InlineData("The core AI industry passed one trillion yuan [1].")]
    [InlineData("The core AI industry passed 1,000 billion yuan [1].")]
    [InlineData("人工智能核心产业规模超过1万亿元 [1]。")]
    [InlineData("人工智能核心产业规模超过一万亿元 [1]。")]
    public void Scale_words_and_chinese_units_normalise(string answer)
    {
        var verdict = new GroundingGuard().Check(answer, Ledger("The core AI industry exceeded 1 trillion yuan in 2025."));

        Assert.True(verdict.IsGrounded, string.Join("; ", verdict.Problems));
    }

    [Fact]
    public void An_invented_figure_is_rejected_with_the_figure_named()
    {
        var verdict = new GroundingGuard().Check("High-tech manufacturing grew 9.5% [1].", Ledger("High-tech manufacturing rose 9.2% in 2025."));

        Assert.False(verdict.IsGrounded);
        Assert.Contains(verdict.Problems, p => p.Contains("'9.5'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("高技术制造业增加值增长9.5% [1]。", "9.5")]
    [InlineData("2025年，产值为12.5万亿元 [1]。", "12.5万亿")]
    public void A_number_written_straight_after_chinese_characters_is_checked(string answer, string invented)
    {
        var verdict = new GroundingGuard().Check(answer, Ledger("High-tech manufacturing rose 9.2% in 2025; output was 12.3 trillion yuan."));

        Assert.False(verdict.IsGrounded);
        Assert.Contains(verdict.Problems, p => p.Contains($"'{invented}", StringComparison.Ordinal));
    }

    [Fact]
    public void Month_names_support_date_parts_but_not_figures()
    {
        var ledger = Ledger("In January–November 2025 high-tech output rose 9.2%, the ministry said in May.");

        var dated = new GroundingGuard().Check("2025年1—11月，高技术制造业增长9.2% [1]。", ledger);
        var invented = new GroundingGuard().Check("High-tech output grew 5% [1].", ledger);

        Assert.True(dated.IsGrounded, string.Join("; ", dated.Problems));
        Assert.Contains(invented.Problems, p => p.Contains("'5'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_wrong_scale_word_is_rejected()
    {
        var verdict = new GroundingGuard().Check("Output reached 1.2 billion yuan [1].", Ledger("Output reached 1.2 trillion yuan in 2025."));

        Assert.False(verdict.IsGrounded);
        Assert.Contains(verdict.Problems, p => p.Contains("'1.2 billion'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_citation_to_a_source_that_was_never_shown_is_rejected()
    {
        var verdict = new GroundingGuard().Check("It rose 9.2% [3].", Ledger("It rose 9.2% in 2025."));

        Assert.Contains(verdict.Problems, p => p.Contains("[3]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_figure_without_any_citation_is_rejected()
    {
        var verdict = new GroundingGuard().Check("It rose 9.2%.", Ledger("It rose 9.2% in 2025."));

        Assert.False(verdict.IsGrounded);
    }

    [Fact]
    public void Month_names_in_the_source_support_month_numbers_in_a_chinese_period()
    {
        var verdict = new GroundingGuard().Check("2025年1—11月增长9.2% [1]。", Ledger("It rose 9.2% from January to November 2025."));

        Assert.True(verdict.IsGrounded, string.Join("; ", verdict.Problems));
    }

    [Fact]
    public void The_year_a_passage_period_falls_in_is_supported()
    {
        var january = new SourceInfo("a.md", "Reserves at a high", "https://example.org/a", "Wire", new DateOnly(2020, 1, 7));
        var undated = new SourceInfo("b.md", "Trips rebound", "https://example.org/n/2024/0713/b.html", "Wire", null);
        var ledger = new CitationLedger();
        ledger.Register(new ToolEvidence("search_articles", [new EvidenceItem(EvidenceKind.Passage, january, "Reserves were 3.11 trillion at the end of December.")]));
        ledger.Register(new ToolEvidence("search_articles", [new EvidenceItem(EvidenceKind.Passage, undated, "Trips came to 350 million in the first half.")]));

        Assert.True(new GroundingGuard().Check("2019年12月末外汇储备：3.11万亿[1]。", ledger).IsGrounded);
        Assert.False(new GroundingGuard().Check("2018年12月末外汇储备：3.11万亿[1]。", ledger).IsGrounded);
        Assert.True(new GroundingGuard().Check("2024年上半年：3.5亿[2]。", ledger).IsGrounded);
        Assert.False(new GroundingGuard().Check("2023年上半年：3.5亿[2]。", ledger).IsGrounded);
    }

    [Fact]
    public void A_gap_between_a_rise_and_a_fall_is_recomputed_as_their_sum()
    {
        var ledger = Ledger("Gadget prices rose 1.7 percent, while gear prices dropped 2.1 percent; Gearport had 83,700 stalls and Wheelport 67,000.");

        Assert.True(new GroundingGuard().Check("Gadgets lead: 1.7% against a fall of 2.1%, a gap of 3.8 percentage points [1].", ledger).IsGrounded);
        Assert.True(new GroundingGuard().Check("Gearport: 83,700 against 67,000, a gap of 16,700 [1].", ledger).IsGrounded);
        Assert.False(new GroundingGuard().Check("Gadgets lead, a gap of 3.9 percentage points [1].", ledger).IsGrounded);
    }

    [Fact]
    public void What_a_total_leaves_after_a_cited_part_is_recomputed()
    {
        var ledger = Ledger("Gearco made 59 million gadgets, of which 32 million were wheels.");

        Assert.True(new GroundingGuard().Check("That leaves 27 million: 59 million in all, less 32 million [1].", ledger).IsGrounded);
        Assert.False(new GroundingGuard().Check("That leaves 28 million: 59 million in all, less 32 million [1].", ledger).IsGrounded);
    }
}
