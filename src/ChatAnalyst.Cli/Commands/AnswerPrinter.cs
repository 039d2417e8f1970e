using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatAnalyst.Orchestration.Answers;

namespace ChatAnalyst.Cli.Commands;

/// <summary>Prints an answer for people (text and numbered sources) or for scripts (JSON).</summary>
public static class AnswerPrinter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Print(AnalystAnswer answer, bool json, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(output);
        if (json)
        {
            var payload = new
            {
                answer.Text,
                answer.Kind,
                answer.Model,
                answer.Citations,
                answer.FollowUps,
                Charts = answer.Charts.Select(c => new { c.Title, c.Width, c.Height }),
            };
            output.WriteLine(JsonSerializer.Serialize(payload, Json));
            return;
        }

        output.WriteLine(answer.Text);
        if (answer.Kind == AnswerKind.Fallback)
        {
            output.WriteLine("(offline extractive answer: the language model was unavailable or its answer could not be verified)");
        }

        if (answer.Citations.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Sources:");
            foreach (var c in answer.Citations)
            {
                var date = c.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                output.WriteLine($"  [{c.Number}] {c.Title}{(c.Publisher is null ? "" : " — " + c.Publisher)}{(date is null ? "" : ", " + date)}");
                output.WriteLine($"      {c.Url}");
            }
        }
    }
}
