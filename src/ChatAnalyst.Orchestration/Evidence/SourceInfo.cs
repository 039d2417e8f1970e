using System.Text.Json.Serialization;

namespace ChatAnalyst.Orchestration.Evidence;

/// <summary>
/// The article a piece of evidence comes from; one citation number per distinct <see cref="DocumentId"/>. The URL is
/// not serialized for the model: answers cite by number and the citations carry the URL from the ledger.
/// </summary>
public sealed record SourceInfo(
    string DocumentId,
    string Title,
    [property: JsonIgnore] string Url,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Publisher,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? Published);
