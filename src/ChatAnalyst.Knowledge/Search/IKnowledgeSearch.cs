namespace ChatAnalyst.Knowledge.Search;

/// <summary>Hybrid (keyword + dense) search over the ingested articles.</summary>
public interface IKnowledgeSearch
{
    /// <summary>Returns the best passages for the request, best first, at most <see cref="SearchRequest.Top"/>.</summary>
    Task<IReadOnlyList<Passage>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);
}
