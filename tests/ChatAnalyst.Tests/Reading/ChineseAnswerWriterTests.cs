using ChatAnalyst.Knowledge.Text;
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

    [Fact]
    public void A_year_or_a_unit_the_data_does_not_name_is_not_a_figure()
    {
        Assert.Null(ChineseAnswerWriter.Figure("In 2024 the index held 470 widgets per plant.", Units));
    }

    [Theory]
    [InlineData("2025年1至4月中国锂离子电池总产量是多少？", "2025年1至4月中国锂离子电池总产量")]
    [InlineData("根据国家统计局，2024年研发经费投入有多少？", "2024年研发经费投入")]
    public void The_subject_is_the_question_without_its_question_words(string question, string subject)
    {
        Assert.Equal(subject, ChineseAnswerWriter.Subject(question));
    }
}
