using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;
using ChatAnalyst.Orchestration.Offline;
using ChatAnalyst.Orchestration.Reading;

namespace ChatAnalyst.Tests.Reading;

/// <summary>The reader's parts, each alone: relative dates, candidates, comparisons, the guard's recomputed gaps, fitting.</summary>
public sealed class ReaderPartsTests
{
    private static readonly SourceInfo Wire = new("wire.md", "Retail sales keep growing", "https://news.example.test/wire", "Example Wire", new DateOnly(2026, 1, 19));

    /// <summary>One candidate per sentence of one article, in rank order.</summary>
    private static List<ReaderCandidate> Candidates(string[] sentences) =>
        sentences.Select((s, i) => new ReaderCandidate(s, new EvidenceItem(EvidenceKind.Passage, Wire, s) { Ref = 1 }, string.Empty, 0.5, i, i)).ToList();

    [Fact]
    public void Yearless_months_and_ranges_are_read_in_the_publication_year()
    {
        var published = new DateOnly(2025, 12, 15);

        Assert.Contains(Period.ForMonth(2025, 11), PeriodReader.Read("Output fell 10.9 percent in November.", published));
        Assert.Contains(Period.ForYearToDate(2025, 11), PeriodReader.Read("Over the first 11 months output declined 4.0 percent.", published));
        Assert.Contains(Period.ForYearToDate(2025, 4), PeriodReader.Read("From January to April, output surpassed 473 GWh.", published));
        Assert.Equal([Period.ForYearToDate(2025, 2)], PeriodReader.Read("Output rose 3 percent in January and February.", published));
        Assert.Equal([6, 5, 9], PeriodReader.MonthsNamed("Output may rise in June, after May, and in Sep."));
        Assert.Equal([Period.ForMonth(2025, 3), Period.ForMonth(2025, 4)], PeriodReader.Read("Output rose 3 percent in March and April.", published));
        Assert.Contains(Period.ForYear(2025), PeriodReader.Read("Sales grew faster this year.", published));
        Assert.Equal([Period.ForMonth(2025, 11)], PeriodReader.Read("Sales rose 25 percent last month.", published));
        Assert.Equal([Period.ForYearToDate(2025, 9)], PeriodReader.Read("Investment rose 5.4 percent in the first three quarters of the year.", published));
        Assert.Equal([Period.ForYearToDate(2025, 6)], PeriodReader.Read("In the first half, output rose 9 percent.", published));
        Assert.Equal([Period.ForQuarter(2025, 3)], PeriodReader.Read("Exports grew 4 percent in the third quarter.", published));
        Assert.Equal([Period.ForQuarter(2024, 4)], PeriodReader.Read("Exports grew 4 percent in Q4.", new DateOnly(2025, 1, 20)));
        Assert.Equal([Period.ForQuarter(2018, 1)], PeriodReader.Read("Exports grew 4 percent in the first quarter of 2018.", published));
    }

    [Fact]
    public void A_month_after_the_publication_month_belongs_to_the_year_before()
    {
        var periods = PeriodReader.Read("The index reached 50.1 in December.", new DateOnly(2026, 1, 3));

        Assert.Equal([Period.ForMonth(2025, 12)], periods);
    }

    [Fact]
    public void Dates_with_a_day_and_comparison_bases_are_not_periods()
    {
        var published = new DateOnly(2025, 4, 8);

        Assert.Empty(PeriodReader.Read("The measures came into effect on August 15, 2023.", published));
        Assert.Equal([Period.ForYearToDate(2025, 11)], PeriodReader.Read("Value added rose 9.2% in January–November 2025, faster than in the same eleven months of 2024.", published));
    }

    [Fact]
    public void A_comparison_base_year_stands_for_the_year_after_it_when_the_figures_year_is_read()
    {
        Assert.Equal([2024], PeriodReader.StatedYears("Investment rose 10.5 percent from 2023 to 249.7 billion yuan."));
        Assert.Equal([2025], PeriodReader.StatedYears("Output grew faster than in 2024."));
        Assert.Equal([2024, 2023], PeriodReader.StatedYears("In 2024 the index rose, after a fall in 2023."));
        Assert.Equal([2023], PeriodReader.Years("Investment rose 10.5 percent from 2023 to 249.7 billion yuan."));
        Assert.Equal([2025], PeriodReader.StatedYears("The industry was larger than 1 trillion yuan (one trillion yuan) in 2025."));
        Assert.Empty(PeriodReader.StatedYears("The port had 4.25 million berths, according to data released on Tuesday, 21 January 2025."));
        Assert.Equal([2024], PeriodReader.StatedYears("In 2024 the port had 4.25 million berths, data published on January 21, 2025 show."));
        Assert.Equal([Period.ForYear(2025)], PeriodReader.Read("The industry was larger than 1 trillion yuan in 2025.", null));
    }

    [Fact]
    public void Candidates_drop_the_dateline_and_repeated_sentences()
    {
        var passage = new EvidenceItem(EvidenceKind.Passage, Wire, "x")
        {
            Ref = 1,
            Sentences = [new ScoredSentence("BEIJING, Jan. 19 (Xinhua) — Retail sales rose 3.7 percent in 2025, official data showed.", 0.6), new ScoredSentence("Rural sales grew 4.1 percent.", 0.4)],
        };
        var overlapping = passage with { Sentences = [new ScoredSentence("Rural sales grew 4.1 percent.", 0.4)] };

        var candidates = CandidateBuilder.Build([new ToolEvidence("search_articles", [passage, overlapping])]);

        Assert.Equal(["Retail sales rose 3.7 percent in 2025, official data showed.", "Rural sales grew 4.1 percent."], candidates.Select(c => c.Text));
        Assert.Equal(Period.ForYear(2025), Assert.Single(candidates[0].Periods));
        Assert.Equal(candidates[0].Text, candidates[1].Previous);
    }

    [Fact]
    public void A_sentence_that_opens_with_the_same_period_last_year_is_about_the_span_before_it_a_year_earlier()
    {
        var passage = new EvidenceItem(EvidenceKind.Passage, Wire, "x")
        {
            Ref = 1,
            Sentences =
            [
                new ScoredSentence("Widget revenue reached 12.52 billion yuan in January-May 2014.", 0.6),
                new ScoredSentence("In the same period last year, widgets had brought in 2.53 billion yuan.", 0.5),
                new ScoredSentence("Gadget revenue was 1.2 billion yuan in January-May 2014, up from the same period last year.", 0.4),
            ],
        };

        var candidates = CandidateBuilder.Build([new ToolEvidence("search_articles", [passage])]);

        Assert.Equal([Period.ForYearToDate(2014, 5)], candidates[0].Periods);
        Assert.Equal([Period.ForYearToDate(2013, 5)], candidates[1].Periods);
        Assert.Equal([Period.ForYearToDate(2014, 5)], candidates[2].Periods);
    }

    [Theory]
    [InlineData("What was the growth rate?")]
    [InlineData("How fast did that grow?")]
    public void A_follow_up_that_names_only_a_measure_keeps_the_whole_subject_it_inherits(string followUp)
    {
        var analysis = QuestionAnalysis.Analyze(followUp, ["How much did Gearco invest in gadget plants in 2023?"], BilingualGlossary.Empty);

        Assert.True(analysis.IsFollowUp);
        Assert.Equal(1.0, analysis.Terms["gadget"]);
        Assert.False(analysis.Terms.ContainsKey("rate"));
    }

    [Theory]
    [InlineData("And a year earlier?", "2013-01..05")]
    [InlineData("Same period a year before?", "2013-01..05")]
    [InlineData("And in the whole of the previous year?", "2013")]
    public void A_follow_up_a_year_earlier_asks_for_the_same_span_a_year_before_unless_it_says_the_whole_year(string followUp, string period)
    {
        var analysis = QuestionAnalysis.Analyze(followUp, ["How many widgets were sold in January-May 2014?"], BilingualGlossary.Empty);

        Assert.True(analysis.IsFollowUp);
        Assert.Equal(Period.Parse(period), analysis.Period);
    }

    [Fact]
    public void An_undated_article_reads_a_month_without_a_year_in_the_latest_year_its_title_names()
    {
        var undated = Wire with { Title = "Widget sales up 32.7 percent in Jan-Oct 2024, after a weak 2023", Published = null };
        var passage = new EvidenceItem(EvidenceKind.Passage, undated, "x")
        {
            Ref = 1,
            Sentences = [new ScoredSentence("In October, widget sales reached 1.7 million units.", 0.6), new ScoredSentence("In the first ten months of the current year, sales rose 32.7 percent.", 0.5)],
        };

        var candidates = CandidateBuilder.Build([new ToolEvidence("search_articles", [passage])]);

        Assert.Equal([Period.ForMonth(2024, 10)], candidates[0].Periods);
        Assert.Equal([Period.ForYearToDate(2024, 10)], candidates[1].Periods);
        Assert.Null(CandidateBuilder.YearAbout("Widget sales keep growing"));
        Assert.Empty(PeriodReader.Read("Makers sold more widgets last year than ever.", null, 2024));
    }

    [Fact]
    public void An_undated_article_without_a_year_in_its_title_reads_a_bare_month_in_the_year_of_the_sentence_before()
    {
        var undated = Wire with { Title = "Widget trade rises in the first quarter", Published = null };
        var passage = new EvidenceItem(EvidenceKind.Passage, undated, "x")
        {
            Ref = 1,
            Sentences = [new ScoredSentence("Widget exports rose 7 percent in the first quarter of 2018.", 0.6), new ScoredSentence("Imports rose 14.4 percent in March.", 0.5)],
        };

        var candidates = CandidateBuilder.Build([new ToolEvidence("search_articles", [passage])]);

        Assert.Equal([Period.ForMonth(2018, 3)], candidates[1].Periods);
    }

    [Theory]
    [InlineData("Which market saw the steeper fall in widget sales, the north or the south?")]
    [InlineData("Did the north or the south see a sharper drop in 2024?")]
    [InlineData("Which grew faster, exports or imports?")]
    [InlineData("By how much did gadget revenue beat gear revenue in H1 2014?")]
    [InlineData("How many kilometres longer was the Ruritania gear line than Freedonia's?")]
    public void A_comparative_makes_a_comparison_question(string question) =>
        Assert.Equal(QuestionIntent.Comparison, QuestionAnalysis.Analyze(question, [], BilingualGlossary.Empty).Intent);

    [Fact]
    public void No_longer_is_no_comparative() =>
        Assert.NotEqual(QuestionIntent.Comparison, QuestionAnalysis.Analyze("Is Gearco no longer the largest gadget maker?", [], BilingualGlossary.Empty).Intent);

    [Theory]
    [InlineData("What did the ministry attribute the rapid growth of the sector to?")]
    [InlineData("What initiative does the agency credit for the build-out of the network?")]
    [InlineData("How did the association's president explain the rise in density?")]
    [InlineData("Why did output slow in 2012?")]
    public void A_question_about_a_cause_is_an_explain_question(string question) =>
        Assert.Equal(QuestionIntent.Explain, QuestionAnalysis.Analyze(question, [], BilingualGlossary.Empty).Intent);

    [Fact]
    public void A_wide_table_row_is_quoted_by_the_columns_of_the_period_asked()
    {
        const string Row = "Gears — Oct 2019: -2.1; Sep 2019: 4.1; Aug 2019: 5.1; Oct 2018: 13.1";
        var asked = QuestionAnalysis.Analyze("Gear output growth in September 2019?", [], BilingualGlossary.Empty);

        Assert.Equal("Gears — Sep 2019: 4.1", TableRowQuote.Trim(asked, Row, new DateOnly(2019, 11, 14)));
        Assert.Equal("Power — Jan-Oct 2014 (bn): 549.8; Y/Y: 4.3", TableRowQuote.Trim(QuestionAnalysis.Analyze("Power use growth in January-October 2014?", [], BilingualGlossary.Empty), "Power — Oct 2014 (bn): 56.6; Y/Y: 8.0; Jan-Oct 2014 (bn): 549.8; Y/Y: 4.3", null));
        Assert.Equal(Row, TableRowQuote.Trim(QuestionAnalysis.Analyze("Gear output growth in March 2017?", [], BilingualGlossary.Empty), Row, null));
        Assert.Equal("Output rose 5 percent in 2019.", TableRowQuote.Trim(asked, "Output rose 5 percent in 2019.", null));
    }

    [Fact]
    public void A_question_about_when_a_named_publisher_reported_is_answered_with_the_articles_publication_date()
    {
        var candidates = Candidates(["Retail sales rose 3.7 percent in 2025."]);
        var asked = QuestionAnalysis.Analyze("When did Example Wire report the 2025 retail sales figure?", [], BilingualGlossary.Empty);

        var source = PublicationWriter.Source(asked, candidates);

        Assert.Same(candidates[0], source);
        Assert.Equal("Example Wire published “Retail sales keep growing” on 19 January 2026 [1]. Retail sales rose 3.7 percent in 2025 [1].", PublicationWriter.Write(asked, source!));
        Assert.Null(PublicationWriter.Source(QuestionAnalysis.Analyze("When did Other Daily report the 2025 retail sales figure?", [], BilingualGlossary.Empty), candidates));
        Assert.Null(PublicationWriter.Source(QuestionAnalysis.Analyze("When did retail sales in the Example region peak?", [], BilingualGlossary.Empty), candidates));
        Assert.Null(PublicationWriter.Source(QuestionAnalysis.Analyze("When did the Example region report its 2025 retail sales?", [], BilingualGlossary.Empty), candidates));
    }

    [Theory]
    [InlineData(
        "In 2025, did China's urban or rural retail sales grow faster, and by how many percentage points?",
        "In 2025, retail sales in urban regions rose 3.6 percent year on year, while those in rural areas grew 4.1 percent.",
        "rural", "4.1 percent", "3.6 percent", "0.5 percentage points")]
    [InlineData(
        "Which rose faster, digital infrastructure or digital technology?",
        "Momentum was strong in digital infrastructure and digital technology, whose indicators rose 17.55 percent and 13.56 percent year on year respectively.",
        "digital infrastructure", "17.55 percent", "13.56 percent", "3.99 percentage points")]
    [InlineData(
        "Between January and November 2025, did advanced equipment makers or high-tech manufacturers post the stronger value-added growth?",
        "High-tech manufacturing firms raised their value added by 9.2%, and advanced equipment manufacturers increased it by 9.3% compared to the same months in 2024.",
        "advanced equipment makers", "9.3%", "9.2%", "0.1 percentage points")]
    [InlineData(
        "Was industrial output growth faster in 2024 or in 2023, and what was the gap?",
        "Industrial output rose 5.8 percent year on year in 2024, faster than the 4.6 percent growth of 2023.",
        "2024", "5.8 percent", "4.6 percent", "1.2 percentage points")]
    [InlineData(
        "Which grew faster in 2024, high-tech manufacturing or equipment manufacturing?",
        "Value added in equipment manufacturing and high-tech manufacturing grew faster than industry as a whole, rising 7.7 percent and 8.9 percent respectively in 2024.",
        "high-tech manufacturing", "8.9 percent", "7.7 percent", "1.2 percentage points")]
    [InlineData(
        "How much higher was the northern plant's output than the southern plant's in 2025?",
        "In 2025 the southern plant produced 9.1 million tons, while the northern plant produced 12.5 million tons.",
        "northern plant's output", "12.5 million tons", "9.1 million tons", "3.4 million tons")]
    [InlineData(
        "Compare the province's cumulative rail and road freight at the end of 2024 – which is bigger, and by how much?",
        "At the end of 2024, the province's cumulative freight stood at 1.5 billion tons, up 12 percent from a year earlier: road 900 million tons, rail 410 million tons and water 190 million tons.",
        "road freight", "900 million tons", "410 million tons", "490 million tons")]
    [InlineData(
        "Did the province add more rail or road capacity in 2024, and what's the difference?",
        "Water routes added 12.5 million tons and rail 40.2 million tons, while road added 96 million tons and air 1.2 million tons.",
        "road capacity", "96 million tons", "40.2 million tons", "55.8 million tons")]
    [InlineData(
        "From January to May, did inland ports or coastal ports post the stronger throughput growth? Give the margin.",
        "Coastal and inland ports saw throughput growth of 4.4% and 6.1%, respectively, from January to May.",
        "inland ports", "6.1%", "4.4%", "1.7 percentage points")]
    [InlineData(
        "In 2024, whose freight grew faster, the eastern or the western depots, and by how much?",
        "Freight handled by the eastern, central and western depots rose 16.4 percent, 9.1 percent and 17.8 percent year on year respectively in 2024.",
        "western depots", "17.8 percent", "16.4 percent", "1.4 percentage points")]
    [InlineData(
        "Which grew faster in the quarter, the north or the south, and by how much?",
        "Sales in the north rose 20.8 percent in the quarter and in the south 29.8 percent, respectively 5.0 percentage points faster and 7.5 percentage points slower than in the quarter before.",
        "south", "29.8 percent", "20.8 percent", "9.0 percentage points")]
    [InlineData(
        "In Q1 2021, which grew faster in the region, farming or fishing spending, and by how much?",
        "Spending in the region's farming sector rose 20.8 percent year on year in the first three months and in the fishing sector 29.8 percent, respectively 5.0 percentage points faster and 7.5 percentage points slower than in the first two months.",
        "fishing spending", "29.8 percent", "20.8 percent", "9.0 percentage points")]
    [InlineData(
        "By what margin does the fleet's fuel-to-load ratio exceed the regional average?",
        "Fuel intensity of 2.68 percent put the fleet 12th among operators, above the regional average of 2.11 percent.",
        "fleet's fuel-to-load ratio", "2.68 percent", "2.11 percent", "0.57 percentage points")]
    [InlineData(
        "Did assembly or packaging grow faster, and by how much?",
        "By stage, value added in packaging grew 5.0 percent year on year, assembly 6.2 percent, and testing 3.3 percent.",
        "assembly", "6.2 percent", "5.0 percent", "1.2 percentage points")]
    [InlineData(
        "Which grew faster, spare parts revenue or repair revenue, and by how much?",
        "Within that, leasing revenue soared 130.3 percent year on year, while spare parts revenue rose 56.4 percent and repair revenue 24.5 percent.",
        "spare parts revenue", "56.4 percent", "24.5 percent", "31.9 percentage points")]
    [InlineData(
        "Was growth faster in the eastern or the western district, and by how much?",
        "Investment in both districts kept growing, by 15.7 percent in the eastern district and 17.6 percent in the western district.",
        "western district", "17.6 percent", "15.7 percent", "1.9 percentage points")]
    public void A_comparison_names_the_larger_side_and_the_gap(string question, string sentence, string larger, string high, string low, string gap)
    {
        var analysis = QuestionAnalysis.Analyze(question, [], BilingualGlossary.Empty);
        // The sentence that holds both sides is ranked below one that names neither.
        string[] sentences = ["Retail sales of consumer goods are a major gauge of consumption.", sentence];
        var candidates = Candidates(sentences);

        var text = ComparisonWriter.Compare(analysis, candidates);

        Assert.NotNull(text);
        Assert.StartsWith($"The larger figure is for {larger}", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"{high} against {low}", text, StringComparison.Ordinal);
        Assert.Contains(gap, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("From January to May 2025, coastal and inland ports saw throughput growth of 4.4% and 6.1%, respectively.", "for coastal ports in January–May 2025, a gap")]
    [InlineData("Coastal and inland ports saw throughput growth of 4.4% and 6.1%, respectively.", "for coastal ports, a gap")]
    public void A_comparison_says_the_period_its_figures_cover_when_the_cited_sentence_states_it(string sentence, string expected)
    {
        var analysis = QuestionAnalysis.Analyze("Did inland ports or coastal ports grow faster?", [], BilingualGlossary.Empty);
        var candidates = new List<ReaderCandidate>
        {
            new(sentence, new EvidenceItem(EvidenceKind.Passage, Wire, sentence) { Ref = 1 }, string.Empty, 0.5, 0, 0) { Periods = PeriodReader.Read(sentence, null) },
        };

        var text = ComparisonWriter.Compare(analysis, candidates);

        Assert.NotNull(text);
        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_in_parts_gets_a_sentence_for_the_part_the_lead_leaves_out_and_a_question_in_one_part_does_not()
    {
        string[] sentences =
        [
            "Imports made up 41.2 percent of the total and re-exports 12.5 percent.",
            "Exports from the port made up 46.3 percent of the total in 2024.",
            "Use of the new berths rose 8 percent.",
        ];
        var candidates = Candidates(sentences);
        var inParts = QuestionAnalysis.Analyze("What shares did exports, imports and re-exports have in 2024?", [], BilingualGlossary.Empty);
        var onePart = QuestionAnalysis.Analyze("What share did imports have in 2024?", [], BilingualGlossary.Empty);
        var support = new SupportingSentences([], candidates.Skip(1).ToList());

        var answer = AnswerWriter.Write(inParts, candidates[0], support, candidates, UnitNames.Empty);
        var single = AnswerWriter.Write(onePart, candidates[0], support, candidates, UnitNames.Empty);

        Assert.Contains("46.3 percent", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("rose 8 percent", answer, StringComparison.Ordinal);
        Assert.Equal("Imports made up 41.2 percent of the total and re-exports 12.5 percent [1].", single);
    }

    [Theory]
    [InlineData("Friday, 16 April 2021 | Harbour City", true)]
    [InlineData("—Example Wire", true)]
    [InlineData("Source: Example Wire", true)]
    [InlineData("Key Facts", true)]
    [InlineData("Exports doubled.", false)]
    [InlineData("Total port revenue; 450.8; 3.1", false)]
    [InlineData("Harbour City Port Handles 12 Million Boxes", false)]
    [InlineData("港口吞吐量", false)]
    public void A_line_that_only_dates_places_or_credits_an_article_is_no_candidate(string line, bool credit) =>
        Assert.Equal(credit, CandidateBuilder.IsCredit(line));

    [Fact]
    public void A_side_named_in_a_later_clause_takes_that_clause_s_figure_not_an_earlier_unclaimed_one()
    {
        var analysis = QuestionAnalysis.Analyze("How much bigger was the third round than the second round?", [], BilingualGlossary.Empty);
        string[] sentences = ["The first round raised 120.5 million yuan, and the second 180 million yuan.", "The third round raised 260 million yuan."];
        var candidates = Candidates(sentences);

        var text = ComparisonWriter.Compare(analysis, candidates);

        Assert.NotNull(text);
        Assert.StartsWith("The larger figure is for third round: 260 million yuan against 180 million yuan", text, StringComparison.Ordinal);
        Assert.Contains("a gap of 80 million yuan", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_side_is_named_by_what_it_is_not_by_a_word_saying_how_much_of_it()
    {
        var analysis = QuestionAnalysis.Analyze("Did freight revenue grow faster than overall port revenue in 2024?", [], BilingualGlossary.Empty);
        string[] sentences = ["Freight revenue rose 10.5 percent from 2023 to 24.7 billion yuan, or 6.9 percent of total port income.", "Total port revenue in 2024 was 360 billion yuan, up 8.3 percent year on year."];
        var candidates = Candidates(sentences);

        var text = ComparisonWriter.Compare(analysis, candidates);

        Assert.NotNull(text);
        Assert.StartsWith("The larger figure is for freight revenue: 10.5 percent against 8.3 percent", text, StringComparison.Ordinal);
        Assert.Contains("a gap of 2.2 percentage points", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_guard_recomputes_a_stated_gap_and_still_rejects_an_invented_one()
    {
        var ledger = new CitationLedger();
        ledger.Register(new ToolEvidence("search_articles", [new EvidenceItem(EvidenceKind.Passage, Wire, "Urban sales rose 3.6 percent, while rural sales grew 4.1 percent.")]));
        var guard = new GroundingGuard();

        Assert.True(guard.Check("Rural sales grew faster: 4.1% against 3.6%, a gap of 0.5 percentage points [1].", ledger).IsGrounded);
        Assert.False(guard.Check("Rural sales grew faster: 4.1% against 3.6%, a gap of 0.7 percentage points [1].", ledger).IsGrounded);
        Assert.False(guard.Check("Rural sales grew 0.5% faster [1].", ledger).IsGrounded);
    }

    [Fact]
    public void Fitting_learns_which_feature_marks_the_right_sentence()
    {
        // In every question the right candidate is the one with the higher subject coverage; similarity is noise.
        var coverage = Array.IndexOf(ReaderFeatures.Names, "subject_coverage");
        var similarity = Array.IndexOf(ReaderFeatures.Names, "similarity");
        var random = new Random(7);
        var questions = Enumerable.Range(0, 40).Select(_ =>
        {
            var right = new double[ReaderFeatures.Names.Length];
            var wrong = new double[ReaderFeatures.Names.Length];
            right[coverage] = 0.6 + (0.4 * random.NextDouble());
            wrong[coverage] = 0.5 * random.NextDouble();
            right[similarity] = random.NextDouble();
            wrong[similarity] = random.NextDouble();
            return new TrainingQuestion([wrong, right], [false, true], Answerable: true);
        }).ToList();

        var model = ReaderTrainer.Fit(questions, new Dictionary<string, string> { ["test"] = "synthetic" });

        Assert.True(model.Ranker["subject_coverage"] > Math.Abs(model.Ranker["similarity"]), $"coverage {model.Ranker["subject_coverage"]}, similarity {model.Ranker["similarity"]}");
        Assert.Equal(1.0, ReaderTrainer.TopOne(model, questions));
    }

    [Fact]
    public void The_shipped_model_names_every_feature_and_its_provenance()
    {
        var model = ReaderModel.LoadDefault();

        Assert.Equal(ReaderFeatures.Names.Order(StringComparer.Ordinal), model.Ranker.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("chatanalyst fit reader", model.Provenance["command"]);
        Assert.InRange(model.AnswerThreshold, 0.01, 0.99);
    }
}
