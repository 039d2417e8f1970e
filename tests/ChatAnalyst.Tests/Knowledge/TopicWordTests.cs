using System.Text.RegularExpressions;
using ChatAnalyst.Knowledge.Indicators;

namespace ChatAnalyst.Tests.Knowledge;

/// <summary>
/// Code holds mechanisms; the knowledge base's topics (industries, products, technologies, organisations, places) are
/// data. The topic words are drawn from the glossary and the indicator series; none may appear in <c>src/**/*.cs</c>,
/// comments included. Words of the trade and of plain English that the glossary also uses are listed here as allowed.
/// </summary>
public sealed partial class TopicWordTests
{
    private static readonly HashSet<string> General = new(StringComparer.Ordinal)
    {
        // Plain English.
        "the", "and", "of", "in", "it", "new", "for", "to", "as", "on", "by", "each", "per", "order", "base", "user", "users",
        "year", "first", "second", "third", "four", "five", "six", "eight", "one", "two", "three", "ten", "all", "at", "or",
        "with", "from", "than", "more", "less", "over", "under", "up", "down", "is", "are", "was", "were", "be", "a", "an",
        "its", "this", "that", "what", "which", "who", "how", "much", "many", "big", "large", "high", "full", "general",
        "among", "above", "hand", "holding", "input", "city", "goal", "delivered", "people", "state", "plus", "core",
        "machine", "language", "models", "agents", "action", "policy", "world", "national", "international", "global",
        "private", "real", "property", "primary", "states", "back", "raw", "rare", "us", "foreign", "goods", "products",
        "producer", "operators", "residents", "crude", "day", "week", "top", "trips", "volume", "shipments",
        "activity", "actual", "use", "box", "budget", "early", "ports",
        // Months and the country the whole knowledge base is about.
        "january", "november", "china", "chinese", "zh", "en",
        // Words of the trade: measures, units, statuses and kinds of figure.
        "value", "added", "newly", "additions", "value-added", "number", "share", "data", "rank", "ranking", "growth", "increase", "output",
        "total", "forecast", "target", "targets", "preliminary", "expected", "issued", "registered", "quarter", "annual",
        "monthly", "revenue", "scale", "size", "amount", "change", "rate", "usage", "cumulative", "installed", "capacity",
        "investment", "production", "spending", "expenditure", "consumption", "generation", "intensity", "density",
        "index", "sector", "industry", "industrial", "business", "economy", "development", "areas", "trillion", "billion",
        "million", "yuan", "tonnes", "kwh", "stake", "phase", "iii", "stocks", "nodes", "completions", "exported",
        "penetration", "kilowatts", "deadweight", "orderbook", "employees", "workers", "ai", "artificial", "intelligence",
        "information", "technology", "research", "statistics", "ministry", "bureau", "administration", "power",
        "computing", "compute", "energy", "electricity", "manufacturing", "equipment", "software", "services", "service",
        "digital", "integrated", "circuit", "station", "stations", "factory", "count", "ratio",
        "month", "half", "quarters", "decline", "fell", "points", "percentage", "proportion", "trade", "sales", "profit",
        "prices",
        // Plain English that names a command of the CLI (feedback export).
        "export",
        // SQL keywords (UNION ALL in a query).
        "union",
    };

    [Fact]
    public void No_topic_word_of_the_knowledge_base_appears_in_code()
    {
        var topics = TopicWords();
        Assert.Contains("solar", topics);
        Assert.Contains("miit", topics);

        var hits = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                              && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                var found = Word().Matches(line.ToLowerInvariant()).Select(m => m.Value).Where(topics.Contains).Distinct().ToList();
                if (found.Count > 0)
                {
                    hits.Add($"{Path.GetRelativePath(TestPaths.RepoRoot, file)}:{lineNumber}: {string.Join(", ", found)}");
                }
            }
        }

        Assert.True(hits.Count == 0, "Topic words in code (they belong in knowledge/ data files):\n" + string.Join('\n', hits));
    }

    /// <summary>The English words of the glossary and of the indicator series' names, aliases, regions and categories.</summary>
    private static HashSet<string> TopicWords()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var glossary = CsvTable.Parse(File.ReadAllText(Path.Combine(TestPaths.Knowledge, "glossary.csv")));
        var series = CsvTable.Parse(File.ReadAllText(Path.Combine(TestPaths.Knowledge, "indicators", "series.csv")));
        var texts = glossary.Rows.Select(r => glossary.Get(r, "en"))
            .Concat(series.Rows.SelectMany(r => new[] { "name", "aliases", "region", "category" }.Select(c => series.Get(r, c))));
        foreach (var text in texts)
        {
            words.UnionWith(Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 2 && !General.Contains(w)));
        }

        return words;
    }

    [GeneratedRegex(@"[a-z][a-z0-9&\-]*[a-z0-9]|[a-z][0-9]")]
    private static partial Regex Word();
}
