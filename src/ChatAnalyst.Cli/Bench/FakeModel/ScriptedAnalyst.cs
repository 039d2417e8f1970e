using System.Text.Json.Nodes;

namespace ChatAnalyst.Cli.Bench.FakeModel;

/// <summary>
/// Plays a well-behaved hosted model for the bench's LLM mode and the prompt-budget run: once tool results are in (the
/// bot runs the question's searches before the first round, so usually at once) it answers with the first sentence of
/// the first item and that item's citation, so the answer passes the grounding guard; with no results yet it searches
/// the articles and the indicator catalogue (two tool calls in one round-trip).
/// </summary>
public static class ScriptedAnalyst
{
    public const string NotCovered = "The knowledge base does not cover this question.";

    public static FakeOpenAiReply Reply(FakeOpenAiRequest request)
    {
        var messages = request.Messages;
        var lastUser = messages.Select((m, i) => (Role: (string?)m["role"], Index: i)).Last(m => m.Role == "user").Index;
        var results = messages.Skip(lastUser + 1).Where(m => (string?)m["role"] == "tool").ToList();
        if (results.Count == 0 && request.ToolNames.Count > 0 && request.ToolChoice != "none")
        {
            var question = request.LastUserText;
            return FakeOpenAiReply.Tools(
                ("KnowledgeBase-search_articles", new { query = question }),
                ("Indicators-find_indicators", new { query = question }));
        }

        foreach (var result in results)
        {
            if (JsonNode.Parse(FakeOpenAiRequest.TextOf(result)) is JsonObject evidence && FirstItem(evidence) is { } item)
            {
                return FakeOpenAiReply.Text($"{FirstSentence(item.Text)} [{item.Ref}]");
            }
        }

        return FakeOpenAiReply.Text(NotCovered);
    }

    /// <summary>The first evidence item with text and a citation number, whatever the property casing.</summary>
    private static (string Text, int Ref)? FirstItem(JsonObject evidence)
    {
        var items = Property(evidence, "items") as JsonArray ?? [];
        foreach (var item in items.OfType<JsonObject>())
        {
            if (Property(item, "text") is JsonValue text && Property(item, "ref") is JsonValue number && number.GetValue<int>() > 0)
            {
                return (text.GetValue<string>(), number.GetValue<int>());
            }
        }

        return null;
    }

    private static JsonNode? Property(JsonObject json, string name) =>
        json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string FirstSentence(string text)
    {
        var line = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(l => !l.StartsWith('#') && l.Any(char.IsLetterOrDigit)) ?? text;
        var end = line.IndexOfAny(['。', '!', '?']);
        var period = line.IndexOf(". ", StringComparison.Ordinal);
        var cut = new[] { end, period }.Where(i => i > 0).DefaultIfEmpty(line.Length - 1).Min();
        return line[..(cut + 1)].TrimStart('-', '*', ' ');
    }
}
