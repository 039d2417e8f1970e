namespace ChatAnalyst.Cli.Bench.Scale;

/// <summary>One article of the generated corpus: invented company, sections of news-like prose with figures.</summary>
/// <param name="Index">Its number in the corpus; the same number always gives the same article.</param>
/// <param name="Title">Headline.</param>
/// <param name="Published">Publication date.</param>
/// <param name="Sections">Heading and paragraph of each section; one section makes one chunk.</param>
/// <param name="Question">A question one of its sentences answers.</param>
internal sealed record GeneratedArticle(int Index, string Title, DateOnly Published, IReadOnlyList<(string Heading, string Text)> Sections, string Question)
{
    public string Id => $"bench-{Index:D6}.md";

    /// <summary>The article as a Markdown file with the front matter the decoder reads.</summary>
    public string Markdown()
    {
        var text = new System.Text.StringBuilder();
        text.Append("---\ntitle: \"").Append(Title).Append("\"\nsource: https://bench.invalid/").Append(Index).Append('\n');
        text.Append("publisher: \"Bench Gazette\"\npublished: ").Append(Published.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        text.Append("tags: [bench]\n---\n\n# ").Append(Title).Append("\n\n");
        foreach (var (heading, paragraph) in Sections)
        {
            text.Append("## ").Append(heading).Append("\n\n").Append(paragraph).Append("\n\n");
        }

        return text.ToString();
    }
}
