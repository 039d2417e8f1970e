using System.Globalization;
using ChatAnalyst.Bot;
using ChatAnalyst.Bot.Rendering;
using ChatAnalyst.Orchestration.Answers;
using ChatAnalyst.Orchestration.Evidence;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace ChatAnalyst.Tests.Bot;

/// <summary>The schema.org Message entity within Teams' limits, whatever the answer cites.</summary>
public sealed class TeamsMessageEntityTests
{
    private static Citation Source(int n, string title, string url, string passage) =>
        new(n, $"doc-{n}.md", title, url, "A publisher whose name runs on and on", new DateOnly(2025, 1, 21), passage);

    [Fact]
    public void At_most_ten_claims_with_titles_and_abstracts_cut_to_teams_lengths()
    {
        // Teams takes 20 claims, but the Agents Playground answers a message with more than 10 with HTTP 400.
        var citations = Enumerable.Range(1, 25)
            .Select(n => Source(n, new string('T', 120), "https://example.org/" + n.ToString(CultureInfo.InvariantCulture), string.Join(' ', Enumerable.Repeat("word", 80))))
            .ToList();

        var entity = TeamsMessageEntity.Create("Text citing [1] to [25].", citations);

        var claims = ((JArray)entity.Properties["citation"]!).Cast<JObject>().ToList();
        Assert.Equal(10, claims.Count);
        Assert.Equal(Enumerable.Range(1, 10), claims.Select(c => (int)c["position"]!));
        Assert.All(claims, c => Assert.Equal(80, ((string)c["appearance"]!["name"]!).Length));
        Assert.All(claims, c => Assert.True(((string)c["appearance"]!["abstract"]!).Length <= 160));
        Assert.All(claims, c => Assert.EndsWith("…", (string)c["appearance"]!["abstract"]!, StringComparison.Ordinal));
        Assert.All(claims, c => Assert.All(c["appearance"]!["keywords"]!, k => Assert.True(((string)k!).Length <= TeamsMessageEntity.MaxKeywordLength)));
    }

    [Fact]
    public void The_abstract_is_the_evidence_line_holding_the_answers_figure_and_a_file_path_gets_no_url()
    {
        var citation = Source(1, "Release", "file:///srv/knowledge/release.md", "Output was steady.\nExports rose 12.5% in the year.\nImports fell.");

        var entity = TeamsMessageEntity.Create("Exports rose 12.5% [1].", [citation]);

        var document = ((JArray)entity.Properties["citation"]!)[0]["appearance"]!;
        Assert.Equal("Exports rose 12.5% in the year.", (string?)document["abstract"]);
        Assert.Null(document["url"]);
        Assert.Equal("AIGeneratedContent", (string?)entity.Properties["additionalType"]![0]);
    }

    [Fact]
    public void In_teams_sources_beyond_the_entity_are_listed_in_the_text_and_the_first_ten_are_not()
    {
        var citations = Enumerable.Range(1, 12)
            .Select(n => Source(n, "Note " + n.ToString(CultureInfo.InvariantCulture), "https://example.org/" + n.ToString(CultureInfo.InvariantCulture), "Output rose."))
            .ToList();
        var answer = new AnalystAnswer(string.Concat(citations.Select(c => $"Fact [{c.Number}]. ")), citations, []);
        var renderer = new AnswerRenderer(Options.Create(new BotOptions()));

        var reply = renderer.Render(answer, new ReplyChannel(IsTeams: true, IsPersonal: true));

        var claims = (JArray)Assert.Single(reply.Entities).Properties["citation"]!;
        Assert.Equal(10, claims.Count);
        Assert.Contains("**More sources**", reply.Text, StringComparison.Ordinal);
        Assert.Contains("[11] [Note 11](https://example.org/11)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("[12] [Note 12](https://example.org/12)", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("(https://example.org/10)", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("**Sources**", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decline_carries_the_ai_label_without_a_citation_list()
    {
        var entity = TeamsMessageEntity.Create("The knowledge base doesn't cover that.", []);

        Assert.Equal(TeamsMessageEntity.Type, entity.Type);
        Assert.Null(entity.Properties["citation"]);
        Assert.Equal("Message", (string?)entity.Properties["@type"]);
    }
}
