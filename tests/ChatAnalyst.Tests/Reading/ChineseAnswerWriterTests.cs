using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Text;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Reading;

namespace ChatAnalyst.Tests.Reading;

public sealed class ChineseAnswerWriterTests
{
    private static readonly UnitNames Units = new([new("元", "yuan"), new("吨", "tonnes"), new("千瓦", "kilowatts"), new("千瓦时", "kilowatt-hours")]);

    [Theory]
    [InlineData("Exports reached 155.4 billion yuan in the period.", "1554亿元")]
    [InlineData("Output was 69.87 million tonnes, down 10.9 percent.", "6987万吨")]
    [InlineData("The sector added 373 million kilowatts in 2024.", "3.73亿千瓦")]
    [InlineData("Spending was more than 3.6 trillion yuan in 2024.", "超过3.6万亿元")]
    [InlineData("In 2024 sales rose 9.2 percent.", "9.2%")]
    public void Figures_are_converted_exactly_with_chinese_units(string sentence, string expected)
    {
        Assert.Equal(expected, ChineseAnswerWriter.Figure(sentence, Units));
    }

    [Theory]
    [InlineData("Reserves climbed to nearly $3.11 trillion at the end of December.", "近3.11万亿美元")]
    [InlineData("Inflows came to US$20.359 billion in the period.", "203.59亿美元")]
    [InlineData("Revenue reached RMB 4.13 trillion in 2015.", "4.13万亿元")]
    [InlineData("Reserves were about $3.1 trillion, worth 21 trillion yuan.", "约3.1万亿美元")]
    public void A_currency_written_before_the_figure_is_its_unit(string sentence, string expected)
    {
        var units = new UnitNames([new("元", "yuan"), new("美元", "US$"), new("美元", "$"), new("元", "RMB")]);

        Assert.Equal(expected, ChineseAnswerWriter.Figure(sentence, units));
    }

    [Fact]
    public void A_unit_word_before_a_figure_is_not_its_currency()
    {
        var units = new UnitNames([new("元", "yuan"), new("美元", "$")]);

        Assert.Null(units.EndOf("Prices rose from 3 yuan "));
        Assert.Equal("$", units.EndOf("nearly $")?.English);
    }

    [Fact]
    public void A_year_or_a_unit_the_data_does_not_name_is_not_a_figure()
    {
        Assert.Null(ChineseAnswerWriter.Figure("In 2024 the index held 470 widgets per plant.", Units));
    }

    [Theory]
    [InlineData("去年港口吞吐量达到多少吨？", "tonnes")]
    [InlineData("2024年新增装机多少万千瓦？", "kilowatts")]
    [InlineData("全年发电量是多少千瓦时？", "kilowatt-hours")]
    [InlineData("How many tonnes did the port handle?", "tonnes")]
    [InlineData("How much did output grow?", "")]
    [InlineData("全部收入是多少？", "")]
    public void The_unit_a_question_asks_in_is_read_from_the_unit_names(string question, string expected)
    {
        Assert.Equal(expected, string.Join(',', Units.WantedIn(question)));
    }

    [Fact]
    public void A_question_asking_in_a_unit_gets_the_sentence_s_figure_in_that_unit_or_none()
    {
        const string Sentence = "Completions made up 55.7 percent of the total, at 48.18 million tonnes, worth 320 billion yuan.";

        Assert.Equal("55.7%", ChineseAnswerWriter.Figure(Sentence, Units));
        Assert.Equal("4818万吨", ChineseAnswerWriter.Figure(Sentence, Units, Units.WantedIn("完工量达到多少吨？")));
        Assert.Equal("3200亿元", ChineseAnswerWriter.Figure(Sentence, Units, Units.WantedIn("价值多少亿元？")));
        Assert.Null(ChineseAnswerWriter.Figure(Sentence, Units, Units.WantedIn("装机多少千瓦？")));
        // An ordinal is no figure: the share after it is the sentence's first.
        Assert.Equal("2.68%", ChineseAnswerWriter.Figure("Ranked 12th, its intensity was 2.68 percent.", Units));
    }

    [Fact]
    public void The_chinese_lead_states_the_figure_the_subject_names_from_the_lead_or_a_close_sentence()
    {
        var glossary = new BilingualGlossary([new("潮汐能", "tidal"), new("新增", "added"), new("装机", "capacity")]);
        var question = QuestionAnalysis.Analyze("潮汐能新增装机多少千瓦？", [], glossary, Units);
        var lead = Candidate("The sector added 37.3 million kilowatts of capacity in the year, up 23 percent.");
        var close = Candidate("River power added 1.4 million kilowatts and wind 7.9 million kilowatts, while tidal power added 27.8 million kilowatts and wave power 0.2 million kilowatts.");

        var answer = ChineseAnswerWriter.Lead(question, lead, [close], Units);

        Assert.NotNull(answer);
        Assert.Contains("：2780万千瓦[1]", answer, StringComparison.Ordinal);
        Assert.Contains("：3730万千瓦[1]", ChineseAnswerWriter.Lead(question, lead, [], Units), StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_named_after_it_in_its_clause_is_the_one_for_that_subject_and_a_relative_year_takes_the_period()
    {
        var glossary = new BilingualGlossary([new("潮汐能", "tidal"), new("增加值", "value added")]);
        var question = QuestionAnalysis.Analyze("去年潮汐能增加值增长了百分之几？", [], glossary, Units);
        var lead = Candidate("By sector, value added rose 3.1 percent in wind, 6.1 percent in tidal, and 5.3 percent in wave power.") with { Periods = [Period.ForYear(2024)] };

        var answer = ChineseAnswerWriter.Lead(question, lead, [], Units);

        Assert.Equal("2024年潮汐能增加值增长了：6.1%[1]。", answer);
    }

    [Fact]
    public void The_chinese_lead_answers_an_amount_with_an_amount_and_a_rate_with_a_rate()
    {
        var glossary = new BilingualGlossary([new("港口", "port"), new("收入", "revenue")]);
        var lead = Candidate("Port revenue rose 8.2 percent year on year to 1.07 trillion yuan.");

        var amount = ChineseAnswerWriter.Lead(QuestionAnalysis.Analyze("港口收入是多少？", [], glossary, Units), lead, [], Units);
        var rate = ChineseAnswerWriter.Lead(QuestionAnalysis.Analyze("港口收入增长了多少？", [], glossary, Units), lead, [], Units);

        Assert.Contains("：1.07万亿元[1]", amount, StringComparison.Ordinal);
        Assert.Contains("：8.2%[1]", rate, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("小工具产量占全国多少份额？", "：37.8%[1]")]
    [InlineData("小工具产量同比增长多少？", "：6.7%[1]")]
    public void Of_two_rates_the_chinese_lead_takes_the_kind_asked_a_share_or_a_change(string asked, string expected)
    {
        var glossary = new BilingualGlossary([new("小工具", "gadget"), new("产量", "output")]);
        var lead = Candidate("Gadget output made up 37.8 percent of the national total, and rose 6.7 percent year on year.");
        var shareLast = Candidate("Gadget output grew 6.7 percent year on year, giving a share of 37.8 percent of the national total.");

        Assert.Contains(expected, ChineseAnswerWriter.Lead(QuestionAnalysis.Analyze(asked, [], glossary, Units), lead, [], Units), StringComparison.Ordinal);
        Assert.Contains(expected, ChineseAnswerWriter.Lead(QuestionAnalysis.Analyze(asked, [], glossary, Units), shareLast, [], Units), StringComparison.Ordinal);
    }

    [Fact]
    public void No_chinese_lead_when_the_figure_the_subject_names_cannot_be_stated_exactly()
    {
        var glossary = new BilingualGlossary([new("工厂", "plant"), new("密度", "density")]);
        var question = QuestionAnalysis.Analyze("工厂密度是多少？", [], glossary, Units);
        var lead = Candidate("Plant density reached 470 widgets per site, and output rose 5 percent.");

        Assert.Null(ChineseAnswerWriter.Lead(question, lead, [], Units));
    }

    private static ReaderCandidate Candidate(string text) =>
        new(text, new EvidenceItem(EvidenceKind.Passage, new SourceInfo("wire.md", "Wire", "https://news.example.test/wire", "Example Wire", new DateOnly(2026, 1, 19)), text) { Ref = 1 }, string.Empty, 0.5, 0, 0);

    [Theory]
    [InlineData("2025年1至4月中国锂离子电池总产量是多少？", "2025年1至4月中国锂离子电池总产量")]
    [InlineData("根据国家统计局，2024年研发经费投入有多少？", "2024年研发经费投入")]
    public void The_subject_is_the_question_without_its_question_words(string question, string subject)
    {
        Assert.Equal(subject, ChineseAnswerWriter.Subject(question));
    }
}
