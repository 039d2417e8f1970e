namespace ChatAnalyst.Knowledge.Search;

/// <summary>An evaluation query whose relevant documents were not in the top 5, with what came back instead.</summary>
public sealed record RetrievalMiss(string Id, string Query, IReadOnlyList<string> Relevant, IReadOnlyList<string> Retrieved);
