using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatAnalyst.Knowledge.Feedback;

namespace ChatAnalyst.Cli.Commands;

/// <summary>Feedback records as CSV (RFC 4180, one row per record) or as a JSON array.</summary>
internal static class FeedbackExport
{
    private static readonly string[] Columns =
        ["given_at", "reaction", "comment", "question", "answer", "sources", "conversation_id", "activity_id", "user_id", "answered_at", "matched_by"];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Questions and answers are often Chinese; keep them readable in the file.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

        // "latestAnswer", not 2: the file is read by people and by scripts that should not need the enum.
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Csv(IEnumerable<FeedbackRecord> records)
    {
        var csv = new StringBuilder().AppendJoin(',', Columns).Append("\r\n");
        foreach (var r in records)
        {
            string?[] row =
            [
                Timestamp(r.GivenAt),
                r.Reaction,
                r.Comment,
                r.Question,
                r.Answer,
                string.Join("; ", r.Sources.Select(s => $"[{s.Number.ToString(CultureInfo.InvariantCulture)}] {s.Title} <{s.Url}>")),
                r.ConversationId,
                r.ActivityId,
                r.UserId,
                r.AnsweredAt is { } at ? Timestamp(at) : null,
                JsonNamingPolicy.CamelCase.ConvertName(r.MatchedBy.ToString()),
            ];
            csv.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }

        return csv.ToString();
    }

    public static string Json(IReadOnlyList<FeedbackRecord> records) => JsonSerializer.Serialize(records, JsonOptions) + Environment.NewLine;

    private static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);

    /// <summary>A field quoted when it holds a comma, quote or line break; quotes doubled.</summary>
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
