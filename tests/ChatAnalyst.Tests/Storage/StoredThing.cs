using Microsoft.Bot.Builder;

namespace ChatAnalyst.Tests.Storage;

/// <summary>A store item for the storage contract tests: carries an ETag, so writes are checked against it.</summary>
public sealed class StoredThing : IStoreItem
{
    public string Name { get; set; } = string.Empty;

    public int Count { get; set; }

    public List<string> Notes { get; set; } = [];

    public string ETag { get; set; } = string.Empty;
}
