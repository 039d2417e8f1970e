using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Grounding;
using ChatAnalyst.Orchestration.Reading;

namespace ChatAnalyst.Tests.Reading;

/// <summary>
/// What the reader may lead with: enumerations for list questions, periods carried by back-references, the selector
/// shared with the trainer, and entities named anywhere in the article rather than only in the retrieved passage.
/// </summary>
public sealed class ReaderSelectionTests
{
    private static readonly SourceInfo Wire = new("wire.md", "Ports report a busy year", "https://news.example.test/ports", "Example Wire", new DateOnly(2025, 3, 2));

    [Theory]
    [InlineData("The four hubs are north, south, east and west.", 4)]
    [InlineData("Seven lenders take part — Alpha Bank, Beta Savings Bank, Gamma Trust, Delta Bank and Epsilon Bank — each with 6%.", 5)]
    [InlineData("Progress came in areas such as cold atoms, soil biology, glass chemistry and orbital mechanics.", 4)]
    [InlineData("试点覆盖港口、物流和仓储。", 3)]
    [InlineData("On May 3, 2025, the ministry, the regulator's office, released a plan on deepening the reform of ports.", 0)]
    [InlineData("It pledges deep integration with six key areas, including trade and transport, by 2027.", 0)]
    public void Enumerations_count_their_items_and_clauses_are_no_list(string sentence, int items)
    {
        Assert.Equal(items, Enumeration.Items(sentence));
    }

    [Fact]
    public void A_weekday_is_dated_from_the_publication_date_and_the_guard_accepts_that_date()
    {
        var published = new DateOnly(2025, 1, 18); // a Saturday

        Assert.Equal("The bureau said on Friday (17 January 2025) that output rose.", RelativeDays.Annotate("The bureau said on Friday that output rose.", published));
        Assert.Equal("Data out on Saturday (18 January 2025).", RelativeDays.Annotate("Data out on Saturday.", published));
        Assert.Equal("It opened on Friday, January 3.", RelativeDays.Annotate("It opened on Friday, January 3.", published));

        var source = Wire with { Published = published };
        var ledger = new CitationLedger();
        ledger.Register(new ToolEvidence("search_articles", [new EvidenceItem(EvidenceKind.Passage, source, "The bureau said on Friday that output rose 5.8 percent.")]));
        var guard = new GroundingGuard();
        Assert.True(guard.Check("The bureau said on Friday (17 January 2025) that output rose 5.8 percent [1].", ledger).IsGrounded);
        Assert.False(guard.Check("The bureau said on Friday (16 January 2025) that output rose 5.8 percent [1].", ledger).IsGrounded);
    }

    [Fact]
    public void A_sentence_without_a_period_of_its_own_takes_the_period_of_the_sentence_before_it()
    {
        var passage = new EvidenceItem(EvidenceKind.Passage, Wire, "x")
        {
            Ref = 1,
            Sentences = [new ScoredSentence("Port throughput reached 17.6 billion tonnes in 2024.", 0.5), new ScoredSentence("That total included 330 million containers.", 0.6)],
        };

        var candidates = CandidateBuilder.Build([new ToolEvidence("search_articles", [passage])]);

        Assert.Equal(candidates[0].Periods, candidates[1].Periods);
        Assert.NotEmpty(candidates[1].Periods);
    }

    [Fact]
    public void The_selector_skips_candidates_about_another_period_when_one_states_the_period_asked()
    {
        var (match, conflict, missing) = (ReaderFeatures.PeriodMatch, ReaderFeatures.PeriodConflict, ReaderFeatures.EntitiesMissing);
        var otherPeriod = Features((conflict, 1));
        var otherCountry = Features((match, 1), (missing, 1));
        var asked = Features((match, 1));

        Assert.Equal(2, ReaderSelector.Select([otherPeriod, otherCountry, asked], [9.0, 8.0, 3.0]));
        Assert.Equal(-1, ReaderSelector.Select([otherCountry], [9.0]));
        // With no candidate stating the period asked, the period rule has nothing to prefer and stands aside.
        Assert.Equal(0, ReaderSelector.Select([otherPeriod, Features()], [9.0, 3.0]));
    }

    [Fact]
    public void A_question_asking_for_an_amount_or_a_rate_is_led_by_a_sentence_with_a_figure()
    {
        var words = Features((ReaderFeatures.SubjectCoverage, 1));
        var figure = Features((ReaderFeatures.SubjectCoverage, 0.5), (ReaderFeatures.HasNumber, 1));
        var howMany = QuestionAnalysis.Analyze("How many berths did the port have at the end of 2024?", [], BilingualGlossary.Empty);
        var list = QuestionAnalysis.Analyze("Which ports did the authority name?", [], BilingualGlossary.Empty);

        Assert.True(ReaderSelector.RulesFor(howMany).HasFlag(LeadRules.Figure));
        Assert.False(ReaderSelector.RulesFor(list).HasFlag(LeadRules.Figure));
        Assert.Equal(1, ReaderSelector.Select([words, figure], [9.0, 3.0], ReaderSelector.RulesFor(howMany)));
        Assert.Equal(-1, ReaderSelector.Select([words], [9.0], ReaderSelector.RulesFor(howMany)));
        Assert.Equal(0, ReaderSelector.Select([words, figure], [9.0, 3.0], ReaderSelector.RulesFor(list)));
    }

    [Fact]
    public void A_period_that_dates_an_event_does_not_rule_out_sentences_about_other_periods()
    {
        var (match, conflict, number) = (ReaderFeatures.PeriodMatch, ReaderFeatures.PeriodConflict, ReaderFeatures.HasNumber);
        var otherPeriod = Features((conflict, 1), (number, 1));
        var asked = Features((match, 1), (number, 1));
        var who = QuestionAnalysis.Analyze("Who chaired the January 2025 press conference of the port authority?", [], BilingualGlossary.Empty);
        var why = QuestionAnalysis.Analyze("Why did port throughput drop in 2025?", [], BilingualGlossary.Empty);
        var figure = QuestionAnalysis.Analyze("How much did port throughput grow in January 2025?", [], BilingualGlossary.Empty);

        Assert.False(who.PeriodDatesFigure);
        Assert.Equal(QuestionIntent.Explain, why.Intent);
        Assert.False(why.PeriodDatesFigure);
        Assert.True(figure.PeriodDatesFigure);
        Assert.Equal(0, ReaderSelector.Select([otherPeriod, asked], [9.0, 3.0], ReaderSelector.RulesFor(who)));
        Assert.Equal(1, ReaderSelector.Select([otherPeriod, asked], [9.0, 3.0], ReaderSelector.RulesFor(figure)));
        Assert.Equal(0, ReaderModel.AbstainInputs([otherPeriod], 0, chinese: false, LeadRules.None)[Array.IndexOf(ReaderModel.AbstainNames, "top_period_conflict")]);
    }

    [Fact]
    public void A_quoted_figure_is_a_number_the_user_cites_and_is_found_only_as_a_number_of_its_own()
    {
        var quoting = QuestionAnalysis.Analyze("So port throughput grew 9.2% for the full year 2025?", [], BilingualGlossary.Empty);
        var framing = QuestionAnalysis.Analyze("How much did port throughput grow in the first 11 months of 2025, and who were the top 3 ports?", [], BilingualGlossary.Empty);
        var count = QuestionAnalysis.Analyze("Were there 17 investors in the fund?", [], BilingualGlossary.Empty);

        Assert.Equal(["9.2"], quoting.QuotedNumbers);
        Assert.Empty(framing.QuotedNumbers);
        Assert.Equal(["17"], count.QuotedNumbers);
        Assert.True(quoting.IsQuotedIn("Throughput rose 9.2% in January–November."));
        Assert.False(quoting.IsQuotedIn("Throughput rose 19.2% in January–November."));
        Assert.False(quoting.IsQuotedIn("Throughput rose 9.25% in January–November."));
    }

    [Fact]
    public void A_sentence_stating_the_figure_the_user_quotes_may_lead_whatever_its_period()
    {
        var (match, conflict, quoted, missing) = (ReaderFeatures.PeriodMatch, ReaderFeatures.PeriodConflict, ReaderFeatures.QuotedNumber, ReaderFeatures.EntitiesMissing);
        var quotedOtherPeriod = Features((conflict, 1), (quoted, 1));
        var asked = Features((match, 1));

        Assert.Equal(0, ReaderSelector.Select([quotedOtherPeriod, asked], [9.0, 3.0]));
        Assert.Equal(-1, ReaderSelector.Select([Features((quoted, 1), (missing, 1))], [9.0]));
    }

    [Theory]
    [InlineData("How much did port investment grow in the first three quarters of 2018?", "And in the first eight months?", "2018-01..08")]
    [InlineData("How many berths did the port open in November 2024?", "And Jan–Nov?", "2024-01..11")]
    [InlineData("How many berths did the port open in November 2024?", "And in October?", "2024-10")]
    [InlineData("How many berths did the port open in 2024?", "What about the year before?", "2023")]
    public void A_follow_up_period_without_a_year_takes_the_previous_question_s_year(string previous, string followUp, string expected)
    {
        var question = QuestionAnalysis.Analyze(followUp, [previous], BilingualGlossary.Empty);

        Assert.Equal(expected, Assert.Single(question.Periods).ToString());
    }

    [Fact]
    public void A_follow_up_of_a_follow_up_inherits_the_subject_and_year_of_the_question_before_them()
    {
        var question = QuestionAnalysis.Analyze("And June?", ["How many tonnes of gadgets did the port import Jan-Jul 2023?", "And in July alone?"], BilingualGlossary.Empty);
        var fresh = QuestionAnalysis.Analyze("And June?", ["How many tonnes of gadgets did the port import Jan-Jul 2023?", "How many wheels did the port export in 2022?"], BilingualGlossary.Empty);

        Assert.True(question.IsFollowUp);
        Assert.Contains(TextTerms.Stem("gadgets"), question.Terms.Keys);
        Assert.Equal("2023-06", Assert.Single(question.Periods).ToString());
        Assert.DoesNotContain(TextTerms.Stem("gadgets"), fresh.Terms.Keys);
        Assert.Contains(TextTerms.Stem("wheels"), fresh.Terms.Keys);
    }

    [Fact]
    public void A_question_for_a_person_prefers_a_sentence_naming_one_with_a_role()
    {
        var person = QuestionAnalysis.Analyze("Which spokeswoman commented on port traffic in 2024?", [], BilingualGlossary.Empty);
        var body = QuestionAnalysis.Analyze("Which agency published the port traffic data for 2024?", [], BilingualGlossary.Empty);
        var passage = new EvidenceItem(EvidenceKind.Passage, Wire, "x")
        {
            Ref = 1,
            Sentences = [new ScoredSentence("Port traffic grew 5 percent in 2024, the PTA said.", 0.7), new ScoredSentence("Traffic held steady, authority spokeswoman Jane Roe told reporters.", 0.6)],
        };
        var candidates = CandidateBuilder.Build([new ToolEvidence("search_articles", [passage])]);
        var answerType = Array.IndexOf(ReaderFeatures.Names, "answer_type");
        double[] Types(QuestionAnalysis question) => candidates.Select(c => new ReaderFeatures(question, candidates).Compute(c)[answerType]).ToArray();

        Assert.Equal([0.5, 1], Types(person));
        Assert.Equal([0.5, 0.5], Types(body));
    }

    [Fact]
    public void An_entity_named_only_outside_the_retrieved_passage_still_counts_as_named_by_the_article()
    {
        var question = QuestionAnalysis.Analyze("Which hubs did the port authority name, according to the PTA?", [], BilingualGlossary.Empty);
        var passage = new EvidenceItem(EvidenceKind.Passage, Wire, "x")
        {
            Ref = 1,
            Sentences = [new ScoredSentence("The four hubs are north, south, east and west.", 0.7)],
        };
        var candidates = CandidateBuilder.Build([new ToolEvidence("search_articles", [passage])]);
        var withArticle = CandidateBuilder.Build([new ToolEvidence("search_articles", [passage with { ArticleText = "the port transport authority (pta) said on monday…\nthe four hubs are north, south, east and west." }])]);

        var missing = new ReaderFeatures(question, candidates).Compute(candidates[0])[ReaderFeatures.EntitiesMissing];
        var found = new ReaderFeatures(question, withArticle).Compute(withArticle[0])[ReaderFeatures.EntitiesMissing];

        Assert.Equal(1, missing);
        Assert.Equal(0, found);
    }

    [Theory]
    [InlineData("Was that faster or slower than in January-February?", "january-february")]
    [InlineData("Gear output growth in Jan-Sep 2019?", "jan-sep")]
    [InlineData("Gear output over 2021-2022?", "2021-2022")]
    public void A_hyphenated_period_is_no_subject_word(string question, string period)
    {
        var analysis = QuestionAnalysis.Analyze(question, ["How fast did gear output grow in the first quarter of 2019?"], BilingualGlossary.Empty);

        Assert.DoesNotContain(period, analysis.Terms.Keys);
        Assert.Contains(analysis.Terms.Keys, t => t.StartsWith("gear", StringComparison.Ordinal));
    }

    [Fact]
    public void A_unit_the_question_asks_in_names_no_entity()
    {
        var units = new UnitNames([new KeyValuePair<string, string>("吉瓦", "GW")]);

        var asked = QuestionAnalysis.Analyze("How many GW did Gearco install in 2017?", [], BilingualGlossary.Empty, units);
        var withoutUnits = QuestionAnalysis.Analyze("How many GW did Gearco install in 2017?", [], BilingualGlossary.Empty);

        Assert.Equal(["gearco"], asked.Entities);
        Assert.Equal(["GW"], asked.Units);
        Assert.Contains("gw", withoutUnits.Entities);
    }

    [Fact]
    public void An_abbreviation_the_article_only_spells_out_counts_as_named_but_not_loose_initials()
    {
        var question = QuestionAnalysis.Analyze("How many berths did the PTA open in 2024?", [], BilingualGlossary.Empty);
        var passage = new EvidenceItem(EvidenceKind.Passage, Wire, "x") { Ref = 1, Sentences = [new ScoredSentence("It opened 120 berths in 2024.", 0.7)] };
        var spelledOut = CandidateBuilder.Build([new ToolEvidence("search_articles", [passage with { ArticleText = "The Port of Transport Authority said on Monday.\nIt opened 120 berths in 2024." }])]);
        var lowerCaseOnly = CandidateBuilder.Build([new ToolEvidence("search_articles", [passage with { ArticleText = "the port transport authority said on monday.\nit opened 120 berths in 2024." }])]);

        Assert.Equal(0, new ReaderFeatures(question, spelledOut).Compute(spelledOut[0])[ReaderFeatures.EntitiesMissing]);
        Assert.False(new ReaderFeatures(question, spelledOut).IsAboutSomethingElse);
        Assert.Equal(1, new ReaderFeatures(question, lowerCaseOnly).Compute(lowerCaseOnly[0])[ReaderFeatures.EntitiesMissing]);
    }

    [Fact]
    public void An_addition_over_the_period_is_told_from_the_level_reached_and_a_follow_up_keeps_which_was_asked()
    {
        var added = QuestionAnalysis.Analyze("How much berth capacity did the country add in 2024?", [], BilingualGlossary.Empty);
        var followUp = QuestionAnalysis.Analyze("And for dry docks?", [added.Text], BilingualGlossary.Empty);
        var level = QuestionAnalysis.Analyze("What was the cumulative berth capacity at the end of 2024?", [], BilingualGlossary.Empty);
        var flowSentence = new EvidenceItem(EvidenceKind.Passage, Wire, "x") { Ref = 1, Sentences = [new ScoredSentence("Ports added 120 berths in 2024.", 0.5), new ScoredSentence("Cumulative berths stood at 2,900 at the end of 2024.", 0.5)] };
        var candidates = CandidateBuilder.Build([new ToolEvidence("search_articles", [flowSentence])]);
        var flow = Array.IndexOf(ReaderFeatures.Names, "flow_match");

        Assert.Equal(QuantityWanted.Addition, added.Quantity);
        Assert.Equal(QuantityWanted.Addition, followUp.Quantity);
        Assert.Equal(QuantityWanted.Level, level.Quantity);
        var forAdded = new ReaderFeatures(added, candidates);
        Assert.Equal([1.0, -1.0], candidates.Select(c => forAdded.Compute(c)[flow]));
        var forLevel = new ReaderFeatures(level, candidates);
        Assert.Equal([-1.0, 1.0], candidates.Select(c => forLevel.Compute(c)[flow]));
    }

    [Fact]
    public void A_figure_in_the_unit_asked_is_preferred_and_a_year_ending_a_sentence_is_no_figure()
    {
        var units = new UnitNames([new("吨", "tonnes"), new("吨", "tons"), new("个百分点", "percentage points")]);
        var tonnes = QuestionAnalysis.Analyze("How many tons did the port handle in 2024?", [], BilingualGlossary.Empty, units);
        var points = QuestionAnalysis.Analyze("By how many percentage points did throughput grow in 2024?", [], BilingualGlossary.Empty, units);
        var unasked = QuestionAnalysis.Analyze("How big was the port's throughput in 2024?", [], BilingualGlossary.Empty, units);
        var item = new EvidenceItem(EvidenceKind.Passage, Wire, "x")
        {
            Ref = 1,
            Sentences =
            [
                new ScoredSentence("The port handled 1.2 billion metric tonnes in 2024.", 0.5),
                new ScoredSentence("Throughput grew 4.1 percent in 2024, faster than in 2023.", 0.5),
                new ScoredSentence("The port opened its third terminal in 2023.", 0.5),
            ],
        };
        var candidates = CandidateBuilder.Build([new ToolEvidence("search_articles", [item])]);
        var unit = Array.IndexOf(ReaderFeatures.Names, "unit_match");
        var hasNumber = Array.IndexOf(ReaderFeatures.Names, "has_number");

        Assert.Equal(["tonnes", "tons"], tonnes.Units.Order(StringComparer.Ordinal));
        Assert.Equal([1.0, -1.0, 0.0], candidates.Select(c => new ReaderFeatures(tonnes, candidates).Compute(c)[unit]));
        Assert.Equal([-1.0, 1.0, 0.0], candidates.Select(c => new ReaderFeatures(points, candidates).Compute(c)[unit]));
        Assert.Equal([0.0, 0.0, 0.0], candidates.Select(c => new ReaderFeatures(unasked, candidates).Compute(c)[unit]));
        Assert.Equal([1.0, 1.0, 0.0], candidates.Select(c => new ReaderFeatures(unasked, candidates).Compute(c)[hasNumber]));
    }

    private static double[] Features(params (int Index, double Value)[] values)
    {
        var features = new double[ReaderFeatures.Names.Length];
        foreach (var (index, value) in values)
        {
            features[index] = value;
        }

        return features;
    }
}
