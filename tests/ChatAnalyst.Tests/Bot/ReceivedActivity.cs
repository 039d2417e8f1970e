using System.Text.Json.Nodes;

namespace ChatAnalyst.Tests.Bot;

/// <summary>An activity the fake channel received: its JSON, when it arrived, the id it got (null if refused) and the status sent back.</summary>
public sealed record ReceivedActivity(JsonObject Activity, TimeSpan At, string? Id, int Status)
{
    public string? Type => (string?)Activity["type"];

    public string? Text => (string?)Activity["text"];

    /// <summary>The activity's <c>streaminfo</c> entity, or null.</summary>
    public JsonObject? StreamInfo =>
        Activity["entities"]?.AsArray().Select(e => e?.AsObject()).FirstOrDefault(e => (string?)e?["type"] == "streaminfo");
}
