using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;
using ChatAnalyst.Orchestration.Reading;

namespace ChatAnalyst.Tests.Reading;

/// <summary>
/// The reader's cues for raw news prose: comparisons from table cells and "how much more did A … than B", abbreviations an
/// article defines, which way a text says something moved, and credit lines for "who wrote / translated / edited".
/// </summary>
public sealed class ReaderCuesTests
{
    private static readonly SourceInfo Wire = new("wire.md", "Gadget output in October", "https://news.example.test/wire", "Example Wire (editor: Jo Roe; mirrored)", new DateOnly(2019, 11, 14));

    private static List<ReaderCandidate> Candidates(string[] sentences, string article = "") =>
        sentences.Select((s, i) => new ReaderCandidate(s, new EvidenceItem(EvidenceKind.Passage, Wire, s) { Ref = 1, ArticleText = article }, string.Empty, 0.5, i, i)).ToList();

    [Fact]
    public void Two_table_rows_compare_by_the_column_of_the_period_asked()
    {
        var analysis = QuestionAnalysis.Analyze("In October 2019, which grew faster, gear output or wheel output, and by how much?", [], BilingualGlossary.Empty);
        string[] rows =
        [
            "Gears — Oct 2019: 8.2; Sep 2019: 10.6; Aug 2019: 6.6; Jul 2019: 6.1",
            "Wheels — Oct 2019: 4.4; Sep 2019: 4.4; Aug 2019: 5.0; Jul 2019: 12.2",
        ];

        var text = ComparisonWriter.Compare(analysis, Candidates(rows));

        Assert.NotNull(text);
        Assert.StartsWith("The larger figure is for gear output: 8.2 against 4.4", text, StringComparison.Ordinal);
        Assert.Contains("a gap of 3.8", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_column_makes_its_cells_percentages_and_the_gap_points()
    {
        var analysis = QuestionAnalysis.Analyze("In January-October 2019, did light or heavy gear sales grow faster, and by how much?", [], BilingualGlossary.Empty);
        string[] rows =
        [
            "of which light gears — Oct 2019 (bln): 56.6; Y/Y pct chg: 8.0; Jan-Oct 2019 (bln): 549.8; Y/Y pct chg: 4.3",
            "of which heavy gears — Oct 2019 (bln): 274.6; Y/Y pct chg: 1.8; Jan-Oct 2019 (bln): 2,711.9; Y/Y pct chg: 3.7",
        ];

        var text = ComparisonWriter.Compare(analysis, Candidates(rows));

        Assert.NotNull(text);
        Assert.StartsWith("The larger figure is for light: 4.3% against 3.7%", text, StringComparison.Ordinal);
        Assert.Contains("a gap of 0.6 percentage points", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_level_column_is_not_compared_as_growth()
    {
        var analysis = QuestionAnalysis.Analyze("Which grew faster in October 2019, gear output or wheel output?", [], BilingualGlossary.Empty);
        string[] rows = ["Gears — Oct 2019 (mln units): 8.2; Sep 2019 (mln units): 10.6; Aug 2019 (mln units): 6.6; Jul 2019 (mln units): 6.1", "Wheels — Oct 2019 (mln units): 4.4; Sep 2019 (mln units): 4.4; Aug 2019 (mln units): 5.0; Jul 2019 (mln units): 12.2"];

        Assert.Null(ComparisonWriter.Compare(analysis, Candidates(rows)));
    }

    [Theory]
    [InlineData("How much more revenue did Gearco have than Wheelco?", "Gearco heads the list with annual revenue of CNY122.7 billion.", "Wheelco is third with CNY115.2 billion.", "Gearco: 122.7 billion against 115.2 billion", "7.5 billion")]
    [InlineData("How much faster did gadget prices rise than non-gadget prices?", "Gadget prices were up 6.1 percent year on year, while prices of non-gadget products rose 1.6 percent.", "Prices are a gauge.", "gadget prices: 6.1 percent against 1.6 percent", "4.5 percentage points")]
    [InlineData("In 2011, how much more gear oil than wheel grease did Ruritania produce?", "Ruritania made 41.79 million tonnes of gear oil, 14.62 million tonnes of wheel grease and 3.86 million tonnes of paste.", "Oil is a lubricant.", "gear oil: 41.79 million tonnes against 14.62 million tonnes", "27.17 million tonnes")]
    [InlineData("How many kilometres longer was the US gear line than Ruritania's?", "Ruritania has 45,400 kilometers of gear line, behind the US, which had 90,000 kilometers.", "Lines are long.", "US gear line: 90,000 kilometers against 45,400 kilometers", "44,600 kilometers")]
    public void How_much_more_did_A_than_B_names_the_larger_side_and_the_gap(string question, string first, string second, string expected, string gap)
    {
        var analysis = QuestionAnalysis.Analyze(question, [], BilingualGlossary.Empty);

        var text = ComparisonWriter.Compare(analysis, Candidates([first, second]));

        Assert.NotNull(text);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Contains(gap, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("H1 2004: how many of the gadgets made by Gearco were not wheels?", "Gearco made 59 million gadgets, of which 32 million were wheels.", "Gears are round.", "That leaves 27 million: 59 million in all, less 32 million [1].")]
    [InlineData("How much of Ruritania's H1 2010 gear output did not come from state mills?", "In the first half of 2010 its gear output totalled 159.24 tons, up 8.69%.", "Of that, state mills produced 131.47 tons, up 9.76% year on year.", "That leaves 27.77 tons: 159.24 tons in all, less 131.47 tons [1].")]
    [InlineData("How many gadget applications in 2017 were not approved?", "About 479 firms applied for a gadget licence in 2017, and 380 were approved.", "Licences are rare.", "That leaves 99: 479 in all, less 380 [1].")]
    [InlineData("How many gadgets were made in 2017?", "About 479 firms applied for a gadget licence in 2017, and 380 were approved.", "Licences are rare.", null)]
    public void What_is_not_a_named_part_is_the_total_less_that_part(string question, string first, string second, string? expected)
    {
        var analysis = QuestionAnalysis.Analyze(question, [], BilingualGlossary.Empty);
        var candidates = Candidates([first, second]);

        Assert.Equal(expected, ComparisonWriter.Remainder(analysis, candidates[0], candidates)?.Text);
    }

    [Fact]
    public void What_is_left_of_a_total_states_the_period_both_figures_cover()
    {
        var analysis = QuestionAnalysis.Analyze("How much of Ruritania's 2010 gear output did not come from state mills?", [], BilingualGlossary.Empty);
        var candidates = Candidates(["In 2010 its gear output totalled 159.24 tons, up 8.69%.", "Of that, state mills produced 131.47 tons."])
            .Select(c => c with { Periods = [Period.ForYear(2010)] })
            .ToList();

        Assert.Equal("That leaves 27.77 tons in 2010: 159.24 tons in all, less 131.47 tons [1].", ComparisonWriter.Remainder(analysis, candidates[0], candidates)?.Text);
    }

    [Theory]
    [InlineData("Visitors rose 27.1 percent on the same period last year.")]
    [InlineData("The index was 2.2 percent, down from 2.5 percent last month.")]
    [InlineData("Sales grew faster than last year.")]
    public void A_relative_period_that_a_figure_is_compared_with_is_no_period_of_the_sentence(string sentence)
    {
        Assert.Empty(PeriodReader.Read(sentence, new DateOnly(2010, 10, 9)));
    }

    [Fact]
    public void A_relative_period_of_the_figure_itself_is_read()
    {
        Assert.Equal([Period.ForYear(2009)], PeriodReader.Read("Visitors rose 27.1 percent last year.", new DateOnly(2010, 10, 9)));
        Assert.Equal([Period.ForYearToDate(2017, 7)], PeriodReader.Read("Between January and July, profits rose 21.2%.", new DateOnly(2017, 8, 28)));
    }

    [Theory]
    [InlineData("2022年前三季度原煤产量是多少？", 2022, 9)]
    [InlineData("2021年前7个月利润增长多少？", 2021, 7)]
    [InlineData("2022年前八个月收入是多少？", 2022, 8)]
    public void Chinese_first_quarters_and_first_months_are_spans_from_january(string text, int year, int through)
    {
        Assert.Equal(Period.ForYearToDate(year, through), PeriodPhraseParser.FindFirst(text));
    }

    [Fact]
    public void What_a_question_sets_aside_is_no_part_of_its_subject_and_marks_the_sentences_about_it()
    {
        var analysis = QuestionAnalysis.Analyze("Besides gears and wheels, which products saw output falls in April 2015?", [], BilingualGlossary.Empty);
        string[] sentences = ["Gear output was 7.3% lower than a year earlier.", "Other products that fell included axles (-2.1% y/y) and bolts (-0.7% y/y)."];
        var candidates = Candidates(sentences);
        var features = new ReaderFeatures(analysis, candidates);
        var excluded = Array.IndexOf(ReaderFeatures.Names, "excluded_mentioned");

        Assert.Equal(["gear", "wheel"], analysis.Excluded);
        Assert.DoesNotContain("gear", analysis.Terms.Keys);
        Assert.Equal(1, features.Compute(candidates[0])[excluded]);
        Assert.Equal(0, features.Compute(candidates[1])[excluded]);
    }

    [Theory]
    [InlineData("https://blog.example.test/2013/08/gadget-output.html", 2013)]
    [InlineData("http://news.example.test/business/2015-04/13/161484.shtml", 2015)]
    [InlineData("http://news.example.test/statistics/201511/11/content_1.htm", 2015)]
    [InlineData("https://news.example.test/content_20150200896328.shtml", null)]
    [InlineData("https://news.example.test/2013/review-of-2014/", 2013)]
    [InlineData("file:///home/user/2019/notes.md", null)]
    public void An_address_files_its_page_under_a_year(string url, int? year)
    {
        Assert.Equal(year, PeriodReader.UrlYear(url));
    }

    [Theory]
    [InlineData("What revenue did Geraco report in 2019?", false)]
    [InlineData("What revenue did Zorbic report in 2019?", true)]
    public void A_mistyped_name_is_read_as_the_name_the_evidence_writes_but_another_name_is_not(string question, bool elsewhere)
    {
        var analysis = QuestionAnalysis.Analyze(question, [], BilingualGlossary.Empty);
        var candidates = Candidates(["Gearco reported revenue of 12.5 billion yuan in 2019."]);

        Assert.Equal(elsewhere, new ReaderFeatures(analysis, candidates).IsAboutSomethingElse);
    }

    [Theory]
    [InlineData("What's the weather going to be in Gearville tomorrow?", true)]
    [InlineData("How many gadgets did Gearville make in 2019?", false)]
    [InlineData("How many gadgts did Gearville make in 2019?", false)]
    [InlineData("Why did Gearville's weather change?", false)]
    public void A_figure_question_sharing_only_a_name_with_the_evidence_is_about_something_else(string question, bool elsewhere)
    {
        var analysis = QuestionAnalysis.Analyze(question, [], BilingualGlossary.Empty);
        var candidates = Candidates(["Gearville made 12.5 million gadgets in 2019.", "The Gearville gadget works opened a second plant."]);

        Assert.Equal(elsewhere, new ReaderFeatures(analysis, candidates).IsAboutSomethingElse);
    }

    [Theory]
    [InlineData("On which day of the week did Gearco announce its results?")]
    [InlineData("On what date did Gearco announce its results?")]
    public void Asking_for_a_day_or_date_is_a_when_question(string question)
    {
        Assert.Equal(QuestionIntent.When, QuestionAnalysis.Analyze(question, [], BilingualGlossary.Empty).Intent);
    }

    [Theory]
    [InlineData("Gearco made more than two million gadgets and one million gears last year.", 1)]
    [InlineData("Gearco made 2.1 million gadgets last year.", 1)]
    [InlineData("Gearco made gadgets for one of its two plants last year.", 0)]
    public void A_figure_written_in_words_is_a_number(string sentence, double hasNumber)
    {
        var analysis = QuestionAnalysis.Analyze("How many gadgets did Gearco make last year?", [], BilingualGlossary.Empty);
        var candidate = Candidates([sentence])[0];

        Assert.Equal(hasNumber, new ReaderFeatures(analysis, [candidate]).Compute(candidate)[ReaderFeatures.HasNumber]);
    }

    [Theory]
    [InlineData("How many gadget plants were there in 2018, per the November 2019 report?", true)]
    [InlineData("How many gadget plants were there, according to Jo Roe in November 2019?", true)]
    [InlineData("How many gadget plants were there in November 2019?", false)]
    [InlineData("How many gadget plants did the November 2019 count find?", false)]
    public void A_period_that_dates_a_report_is_met_by_an_article_published_in_it(string question, bool datesReport)
    {
        var analysis = QuestionAnalysis.Analyze(question, [], BilingualGlossary.Empty);
        var candidate = Candidates(["The country had 1,200 gadget plants at the end of 2018."])[0] with { Periods = [Period.ForYear(2018)] };
        var features = new ReaderFeatures(analysis, [candidate]).Compute(candidate);

        Assert.Equal(datesReport, analysis.PeriodDatesSource);
        Assert.Equal(datesReport ? 1 : 0, features[ReaderFeatures.PeriodMatch]);
        Assert.Equal(datesReport ? 0 : 1, features[ReaderFeatures.PeriodConflict]);
    }

    [Fact]
    public void The_guard_reads_a_figure_written_onto_a_currency_code()
    {
        Assert.Contains(NumberReader.Read("Revenue was CNY122.7 billion and RMB1.81 trillion."), m => m.Text.StartsWith("122.7", StringComparison.Ordinal));
        Assert.DoesNotContain(NumberReader.Read("Model R2 and version v1.5 shipped."), m => m.Text is "2" or "1.5");
    }

    [Fact]
    public void Abbreviations_are_learned_from_the_articles_that_define_them()
    {
        var found = AbbreviationReader.Definitions("The gadget price index (GPI) rose. The Ministry of Gears and Wheel Technology (MGWT) said so; the (Agency) and (UK) are no definitions.").ToList();

        Assert.Equal([("gpi", "gadget price index"), ("mgwt", "ministry of gears and wheel technology")], found);
    }

    [Theory]
    [InlineData("The Ministry of Gears spokesman said so.", "mofgea", "Ministry of Gears")]
    [InlineData("said the Ministry of Industry and Wheel Technology on Monday", "miwt", "Ministry of Industry and Wheel Technology")]
    [InlineData("the Gadget Iron & Steel Assn said", "gisa", "Gadget Iron & Steel Assn")]
    [InlineData("An Aircraft maker said.", "ai", null)]
    [InlineData("the port transport authority said", "pta", null)]
    [InlineData("Gadget Makers, Inc. said", "gmi", null)]
    public void An_abbreviation_is_spelled_out_by_capitalised_words_each_giving_its_first_letters(string text, string abbreviation, string? expected)
    {
        Assert.Equal(expected, AbbreviationReader.SpelledOut(text, abbreviation));
    }

    [Theory]
    [InlineData("Why did gadget sales growth slow in July?", -1)]
    [InlineData("What did the statistician blame for the pickup in prices?", 1)]
    [InlineData("How much did gadget sales grow in 2019?", 0)]
    [InlineData("2021年制造业增速为何回落？", -1)]
    public void A_question_says_which_way_the_thing_moved(string question, int direction)
    {
        Assert.Equal(direction, QuestionAnalysis.Analyze(question, [], BilingualGlossary.Empty).Direction);
    }

    [Fact]
    public void Reader_features_prefer_a_cause_that_speaks_of_the_movement_asked()
    {
        var analysis = QuestionAnalysis.Analyze("Why did gadget profit growth slow in July 2017?", [], BilingualGlossary.Empty);
        string[] sentences =
        [
            "Gadget profits have grown quickly thanks to reform, he added.",
            "The statistician blamed the slower profit growth on high temperatures in July.",
        ];
        var candidates = Candidates(sentences);
        var features = new ReaderFeatures(analysis, candidates);
        var direction = Array.IndexOf(ReaderFeatures.Names, "direction_match");

        Assert.Equal(-1, features.Compute(candidates[0])[direction]);
        Assert.Equal(1, features.Compute(candidates[1])[direction]);
    }

    [Theory]
    [InlineData("Who translated the Example Wire piece on gadget output?", "Translated by Pang Lee\nGadget output rose 4 percent.", "Pang Lee is credited as translator")]
    [InlineData("Who wrote the Example Wire report on gadget output?", "Jo Doe, WIRE, Taipei [Tuesday 25 July 2017]\nGadget output rose 4 percent.", "Jo Doe is credited as author")]
    [InlineData("Who wrote the Example Wire report on gadget output?", "Chinese article by someone; English editor WM Zhang. By Kate Yuen\nGadget output rose.", "Kate Yuen is credited as author")]
    [InlineData("Who was the editor of the Example Wire story on gadget output?", "Gadget output rose 4 percent.", "Jo Roe is credited as editor")]
    public void Who_made_the_article_is_answered_from_its_credit_lines(string question, string article, string expected)
    {
        var analysis = QuestionAnalysis.Analyze(question, [], BilingualGlossary.Empty);

        var text = CreditWriter.Write(analysis, Candidates(["Gadget output rose 4 percent."], article));

        Assert.NotNull(text);
        Assert.StartsWith(expected, text, StringComparison.Ordinal);
        Assert.Contains("[1]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_article_without_a_credit_line_is_said_to_name_no_author_rather_than_answered_with_a_figure()
    {
        var analysis = QuestionAnalysis.Analyze("Who wrote the Example Wire report on gadget output?", [], BilingualGlossary.Empty);

        var text = CreditWriter.Write(analysis, Candidates(["Gadget output rose 4 percent."], "Gadget output rose 4 percent."));

        Assert.Equal("“Gadget output in October” [1] names no author in the text I hold; it was published by Example Wire (editor: Jo Roe; mirrored).", text);
    }

    [Fact]
    public void A_who_question_about_a_speaker_is_no_credit_question()
    {
        var analysis = QuestionAnalysis.Analyze("Who said gadget output rose?", [], BilingualGlossary.Empty);

        Assert.Null(CreditWriter.Write(analysis, Candidates(["Gadget output rose 4 percent, Jo Doe said."], "By Kate Yuen\nGadget output rose.")));
    }

    [Fact]
    public void A_decline_names_nearby_articles_whose_titles_hold_no_figure_so_the_guard_lets_it_through()
    {
        var analysis = QuestionAnalysis.Analyze("What about wheels that month?", [], BilingualGlossary.Empty);
        var counted = new SourceInfo("a.md", "Gadget reserves rise to six-month high", "https://news.example.test/a", "Wire", new DateOnly(2020, 1, 7));
        var plain = new SourceInfo("b.md", "Gear orders keep surging", "https://news.example.test/b", "Wire", new DateOnly(2014, 6, 20));
        EvidenceItem[] items = [new(EvidenceKind.Passage, counted, "Reserves rose.") { Ref = 1 }, new(EvidenceKind.Passage, plain, "Orders rose.") { Ref = 2 }];

        var text = AnswerWriter.Decline(analysis, items);

        Assert.Contains("Gear orders keep surging", text, StringComparison.Ordinal);
        Assert.DoesNotContain("six-month", text, StringComparison.Ordinal);
        Assert.True(new GroundingGuard().Check(text, new CitationLedger()).IsGrounded);
    }
}
