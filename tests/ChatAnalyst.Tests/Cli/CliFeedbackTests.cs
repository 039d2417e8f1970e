using System.Text.Json;
using ChatAnalyst.Knowledge.Feedback;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Tests.Cli;

/// <summary>
/// <c>chatanalyst feedback list|export</c> run as a program on a database holding an answer with feedback and feedback
/// on an unknown message (stored by the same store the bot uses).
/// </summary>
public sealed class CliFeedbackTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatanalyst-feedback", Guid.NewGuid().ToString("N"));

    private string Database => Path.Combine(_folder, "kb.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        using var store = new SqliteFeedbackStore(new SqliteConnectionFactory(Database));
        var at = new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);
        await store.SaveAnswerAsync(new AnswerRecord(
            "conv-1",
            "msg-7",
            "msteams",
            "How big was the industry, in 2025?",
            "It passed 1 trillion yuan [1].",
            [new CitedSource(1, "Industry \"report\", 2025", "https://example.org/report")],
            at));
        await store.SaveFeedbackAsync(new FeedbackRecord("conv-1", "msg-7", "dislike", "Line one,\nline two", at.AddMinutes(1)) { UserId = "u-1" });
        await store.SaveFeedbackAsync(new FeedbackRecord("conv-2", "unknown", "like", null, at.AddMinutes(2)));
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return Task.CompletedTask;
    }

    private Task<CliResult> RunAsync(params string[] args) =>
        CliProcess.RunAsync(_folder, null, [.. args, "--set", "ChatAnalyst:Knowledge:Database=" + Database]);

    [Fact]
    public async Task List_shows_each_reaction_with_its_question_and_comment_oldest_first()
    {
        var result = await RunAsync("feedback", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("2026-11-30 09:16:00Z  dislike", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("question: How big was the industry, in 2025?", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("comment: Line one,", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("not on record: conversation conv-2", result.Stdout, StringComparison.Ordinal);
        Assert.True(result.Stdout.IndexOf("dislike", StringComparison.Ordinal) < result.Stdout.IndexOf("  like", StringComparison.Ordinal));
        Assert.Contains("2 feedback record(s): 1 dislike, 1 like", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_csv_quotes_fields_and_has_one_row_per_record()
    {
        var result = await RunAsync("feedback", "export", "--format", "csv");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("given_at,reaction,comment,question,answer,sources,conversation_id,activity_id", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("2026-11-30T09:16:00.0000000+00:00,dislike,\"Line one,\nline two\",\"How big was the industry, in 2025?\",It passed 1 trillion yuan [1].,\"[1] Industry \"\"report\"\", 2025 <https://example.org/report>\",conv-1,msg-7,u-1,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("2026-11-30T09:17:00.0000000+00:00,like,,,,,conv-2,unknown,,", lines[2], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Export_json_to_a_file_writes_every_record_with_its_answer()
    {
        var result = await RunAsync("feedback", "export", "--format", "json", "--out", "feedback.json");

        var path = Path.Combine(_folder, "feedback.json");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Wrote " + path + " (2 feedback record(s))", result.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var records = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal("dislike", records[0].GetProperty("reaction").GetString());
        Assert.Equal("It passed 1 trillion yuan [1].", records[0].GetProperty("answer").GetString());
        Assert.Equal("https://example.org/report", records[0].GetProperty("sources")[0].GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, records[1].GetProperty("question").ValueKind);
        Assert.Equal("replyToId", records[0].GetProperty("matchedBy").GetString());
    }

    [Fact]
    public async Task Export_with_an_unknown_format_is_an_error_naming_the_formats()
    {
        var result = await RunAsync("feedback", "export", "--format", "xml");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("csv", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("json", result.Stderr, StringComparison.Ordinal);
    }
}
