using System.Collections.Concurrent;
using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Orchestration.Plugins;

/// <summary>
/// The whole text of the articles a search cites — as written, lower-cased, and with synonyms folded — for checks that
/// need more than the retrieved passage: an article names its agency or country once, often in a paragraph the search
/// did not return, and is still about it; and it may spell out only what a question abbreviates. Kept for the index version it was read at, and for a bounded number of articles.
/// </summary>
public sealed class ArticleTexts(IKnowledgeIndex index)
{
    /// <summary>How many articles are kept before the cache starts over.</summary>
    private const int Capacity = 512;

    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);
    private long _version = long.MinValue;

    /// <summary>The searchable text of each article (as written, then lower-case, then folded), by document id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetAsync(IEnumerable<string> documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        var version = await index.GetVersionAsync(cancellationToken);
        if (Interlocked.Exchange(ref _version, version) != version || _texts.Count > Capacity)
        {
            _texts.Clear();
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in documentIds.Distinct(StringComparer.Ordinal))
        {
            if (!_texts.TryGetValue(id, out var text))
            {
                var chunks = await index.GetChunksAsync(id, cancellationToken);
                var written = string.Join('\n', chunks.Select(c => c.Text));
                var plain = written.ToLowerInvariant();
                text = written + "\n" + plain + "\n" + TextTerms.Fold(plain);
                _texts[id] = text;
            }

            texts[id] = text;
        }

        return texts;
    }
}
