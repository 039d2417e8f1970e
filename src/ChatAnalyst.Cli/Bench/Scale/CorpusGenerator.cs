using System.Globalization;

namespace ChatAnalyst.Cli.Bench.Scale;

/// <summary>
/// News-like articles about invented companies in invented towns, with figures, periods and growth rates, from a fixed
/// seed: article <c>n</c> is the same on every run and machine. None of the knowledge base's topics appear, so the
/// generated text cannot collide with the real articles in search.
/// </summary>
internal sealed class CorpusGenerator(int seed = 13)
{
    private static readonly string[] Heads = ["Vel", "Nor", "Tam", "Quen", "Bri", "Osk", "Lum", "Dar", "Fen", "Ix", "Mor", "Sal", "Tev", "Ulv", "Zan", "Cor", "Hal", "Pim", "Rud", "Wex"];
    private static readonly string[] Tails = ["orin", "vale", "eth", "ara", "ix", "ond", "ita", "usk", "elle", "ar", "wick", "mont"];
    private static readonly string[] Kinds = ["Holdings", "Works", "Trading", "Partners", "Cooperative", "Brothers", "Company", "Guild"];
    private static readonly string[] Towns = ["Port Ardel", "Kessin", "Lowmarsh", "Brenhollow", "Tavisk", "Orran Bay", "Millrest", "Quillon", "Ashgrove", "Derrow"];
    private static readonly string[] Goods = ["ceramic tiles", "bicycles", "writing paper", "footwear", "glassware", "furniture", "canned fruit", "rope", "umbrellas", "soap"];
    private static readonly string[] Measures = ["sales", "net profit", "order intake", "turnover"];
    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
    private static readonly string[] Headings = ["Results", "Outlook", "Operations", "Markets", "Costs", "Staff", "Plans", "Reaction"];

    /// <summary>Article <paramref name="index"/> with <paramref name="sections"/> sections (chunks).</summary>
    public GeneratedArticle Article(int index, int sections)
    {
        var random = new Random(seed + (index * 7919));
        var company = Name(random) + " " + Pick(random, Kinds);
        var rival = Name(random) + " " + Pick(random, Kinds);
        var town = Pick(random, Towns);
        var goods = Pick(random, Goods);
        var measure = Pick(random, Measures);
        var year = 2012 + random.Next(12);
        var value = Figure(random);
        var growth = Percent(random);
        var lead = $"{company} reported {measure} of {value} million florins in {year}, up {growth}% from a year earlier. " +
            $"The maker of {goods} is based in {town} and sells most of its output within the region.";
        var texts = new List<(string, string)> { ("Results", Paragraph(random, lead, company, rival, town, goods, year)) };
        for (var s = 1; s < sections; s++)
        {
            texts.Add((Headings[s % Headings.Length], Paragraph(random, string.Empty, company, rival, town, goods, year)));
        }

        var published = new DateOnly(year + 1, 1 + random.Next(12), 1 + random.Next(28));
        return new GeneratedArticle(index, $"{company} {measure} rise {growth}% in {year}", published, texts, $"What was the {measure} of {company} in {year}?");
    }

    private static string Paragraph(Random random, string lead, string company, string rival, string town, string goods, int year)
    {
        var text = new System.Text.StringBuilder(lead);
        while (text.Length < 620)
        {
            text.Append(text.Length == 0 ? string.Empty : " ").Append(Sentence(random, company, rival, town, goods, year));
        }

        return text.ToString();
    }

    private static string Sentence(Random random, string company, string rival, string town, string goods, int year) => random.Next(9) switch
    {
        0 => $"In the {Pick(random, ["first", "second", "third", "fourth"])} quarter of {year}, dispatches of {goods} reached {Figure(random)} thousand crates.",
        1 => $"The plant in {town} employed {100 + random.Next(4900)} people at the end of {year}, against {100 + random.Next(4900)} a year before.",
        2 => $"An analyst at {rival} said demand for {goods} in {town} could grow by {Percent(random)}% a year until {year + 3}.",
        3 => $"Bookings taken by {company} stood at {Figure(random)} million florins in {Pick(random, Months)} {year}.",
        4 => $"Management expects its margin to stay near {Percent(random)}% as the price of raw materials eases.",
        5 => $"{company} plans to open {2 + random.Next(30)} new shops in {Pick(random, Towns)} by {year + 1}.",
        6 => $"{rival} cut its prices by {Percent(random)}% in {Pick(random, Months)}, and its share of sales fell to {Percent(random)}%.",
        7 => $"Spending on new machines came to {Figure(random)} million florins, {Percent(random)}% more than planned.",
        _ => $"Shares of {company} closed {Percent(random)}% higher after the figures were published on {Pick(random, Months)} {1 + random.Next(28)}.",
    };

    private static string Name(Random random) => Pick(random, Heads) + Pick(random, Tails);

    private static string Figure(Random random) => (random.Next(10, 9999) / 10.0).ToString("F1", CultureInfo.InvariantCulture);

    private static string Percent(Random random) => (random.Next(5, 400) / 10.0).ToString("F1", CultureInfo.InvariantCulture);

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
