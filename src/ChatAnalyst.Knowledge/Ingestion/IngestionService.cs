using System.Diagnostics;
using System.Security.Cryptography;
using ChatAnalyst.Knowledge.Embeddings;
using ChatAnalyst.Knowledge.Ingestion.Decoders;
using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Knowledge.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChatAnalyst.Knowledge.Ingestion;

/// <summary>
/// Incremental ingestion: decode → chunk → embed → store → notify handlers, per file. A file is skipped when its
/// SHA-256, the embedding model and the pipeline version all match what is stored, so a second run changes nothing.
/// Documents that disappeared from an ingested folder are removed; documents of other folders are left alone.
/// </summary>
public sealed class IngestionService : IIngestionService
{
    /// <summary>
    /// Version of decoding, chunking and how a chunk's vector is made. Bump it when their output changes so every
    /// document is re-indexed. 3: chunk vectors pooled from the sentences' and the context's (were embedded whole).
    /// 4: a table row names each figure by its column header. 5: a header month without a year takes the year to its left.
    /// 6: extracted figures read "前三季度" and "前八个月" as spans from January; an article without a date takes the
    /// one its address carries.
    /// </summary>
    public const int PipelineVersion = 6;

    // Chunks of several small documents are embedded together: the encoder is several times faster per chunk in batches.
    private const int EmbeddingBatch = 32;

    private readonly IKnowledgeIndex _index;
    private readonly IReadOnlyList<IDocumentDecoder> _decoders;
    private readonly TextChunker _chunker;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly IReadOnlyList<IDocumentIndexedHandler> _handlers;
    private readonly ILogger<IngestionService> _logger;
    private readonly string _modelId;

    public IngestionService(
        IKnowledgeIndex index,
        IEnumerable<IDocumentDecoder> decoders,
        TextChunker chunker,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        IEnumerable<IDocumentIndexedHandler> handlers,
        ILogger<IngestionService> logger)
    {
        _index = index;
        _decoders = decoders.ToList();
        _chunker = chunker;
        _generator = generator;
        _handlers = handlers.ToList();
        _logger = logger;
        _modelId = EmbeddingModel.IdOf(generator);
    }

    /// <inheritdoc/>
    public async Task<IngestionSummary> IngestAsync(
        IReadOnlyList<string> folders,
        IProgress<IngestionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var stopwatch = Stopwatch.StartNew();
        var run = new RunState();

        var roots = new List<string>();
        foreach (var folder in folders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).Distinct(StringComparer.Ordinal))
        {
            if (Directory.Exists(folder))
            {
                roots.Add(folder);
            }
            else
            {
                // A missing folder is most likely a configuration mistake: warn, and keep its documents rather than wipe them.
                run.Warn(folder, "the folder does not exist; its previously indexed documents are kept");
            }
        }

        var files = roots
            .SelectMany(root => EnumerateFiles(root).Select(file => (Root: root, File: file)))
            .ToList();
        var stored = (await _index.ListDocumentsAsync(cancellationToken)).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<PreparedDocument>();

        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (root, file) = files[i];
            progress?.Report(new IngestionProgress(i, files.Count, file));
            var id = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!seen.Add(id))
            {
                run.Warn(file, $"another source folder already has a document '{id}'; ids must be unique across folders");
                continue;
            }

            var existing = stored.GetValueOrDefault(id);
            if (await PrepareAsync(root, file, id, existing, run, cancellationToken) is { } prepared)
            {
                pending.Add(prepared);
                if (pending.Sum(p => p.Chunks.Count) >= EmbeddingBatch)
                {
                    await StoreAsync(pending, run, cancellationToken);
                }
            }
        }

        await StoreAsync(pending, run, cancellationToken);

        progress?.Report(new IngestionProgress(files.Count, files.Count, string.Empty));

        foreach (var document in stored.Values)
        {
            if (!seen.Contains(document.Id) && roots.Contains(document.SourceFolder, StringComparer.Ordinal))
            {
                await NotifyRemovedAsync(document.Id, document.Path, run, cancellationToken);
                await _index.RemoveDocumentAsync(document.Id, cancellationToken);
                run.Removed++;
                _logger.LogInformation("Removed {Document}: its file is gone", document.Id);
            }
        }

        var summary = new IngestionSummary(run.Added, run.Updated, run.Unchanged, run.Removed, run.Failed, run.Chunks, stopwatch.Elapsed, run.Warnings);
        _logger.LogInformation(
            "Ingested {Files} files in {Elapsed:F1}s: {Added} added, {Updated} updated, {Unchanged} unchanged, {Removed} removed, {Failed} failed, {Chunks} chunks written",
            files.Count,
            stopwatch.Elapsed.TotalSeconds,
            run.Added,
            run.Updated,
            run.Unchanged,
            run.Removed,
            run.Failed,
            run.Chunks);
        return summary;
    }

    /// <summary>Decodes and chunks a new or changed file; null when it is unchanged or cannot be decoded.</summary>
    private async Task<PreparedDocument?> PrepareAsync(string root, string file, string id, StoredDocument? existing, RunState run, CancellationToken cancellationToken)
    {
        var decoder = _decoders.FirstOrDefault(d => d.CanDecode(file));
        if (decoder is null)
        {
            run.Warn(file, $"unsupported file type '{Path.GetExtension(file)}'");
            return null;
        }

        string hash;
        try
        {
            hash = await HashAsync(file, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            run.Warn(file, $"cannot be read: {ex.Message}");
            return null;
        }

        if (existing is not null
            && existing.Hash == hash
            && existing.EmbeddingModel == _modelId
            && existing.PipelineVersion == PipelineVersion
            && existing.SourceFolder == root)
        {
            run.Unchanged++;
            return null;
        }

        try
        {
            var decoded = await decoder.DecodeAsync(file, cancellationToken);
            var chunks = _chunker.Chunk(decoded);
            if (chunks.Count == 0)
            {
                throw new DocumentDecodeException("the file holds no text");
            }

            var document = new StoredDocument(
                Id: id,
                Path: file,
                SourceFolder: root,
                Title: decoded.Title,
                Url: decoded.Url,
                Publisher: decoded.Publisher,
                Published: decoded.Published,
                Tags: decoded.Tags,
                Hash: hash,
                EmbeddingModel: _modelId,
                PipelineVersion: PipelineVersion);
            return new PreparedDocument(document, chunks, IsNew: existing is null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var reason = ex is DocumentDecodeException ? ex.Message : $"cannot be decoded ({ex.GetType().Name}: {ex.Message})";
            run.Warn(file, existing is null ? reason : reason + "; the previously indexed version is kept");
            return null;
        }
    }

    /// <summary>Embeds the pending documents' sentences in one batch, stores each document and runs the handlers.</summary>
    private async Task StoreAsync(List<PreparedDocument> pending, RunState run, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        // Each chunk's sentences are embedded (the reader scores them), and each distinct context (title — section)
        // once; a chunk's vector is pooled from them (ChunkVectorPooling), so no text is embedded twice. A chunk with
        // no sentence of its own is embedded whole. All in one batch.
        var chunkSentences = pending.SelectMany(p => p.Chunks.Select(c => SentenceSplitter.SplitText(c.Text))).ToList();
        var contexts = pending.SelectMany(p => p.Chunks.Select(c => c.Context)).Distinct(StringComparer.Ordinal).ToList();
        var whole = pending.SelectMany(p => p.Chunks).Where((_, i) => chunkSentences[i].Count == 0).Select(c => c.IndexText).ToList();
        var texts = contexts.Concat(chunkSentences.SelectMany(s => s)).Concat(whole).ToList();
        var embeddings = await _generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        var contextAt = contexts.Select((context, i) => (context, i)).ToDictionary(x => x.context, x => x.i, StringComparer.Ordinal);
        var offset = 0;
        var sentenceOffset = contexts.Count;
        var wholeOffset = texts.Count - whole.Count;
        foreach (var (document, chunks, isNew) in pending)
        {
            var records = new List<ChunkRecord>(chunks.Count);
            for (var i = 0; i < chunks.Count; i++)
            {
                var chunk = chunks[i];
                var count = chunkSentences[offset + i].Count;
                var sentenceVectors = Concatenate(embeddings, sentenceOffset, count);
                var vector = count == 0
                    ? embeddings[wholeOffset++].Vector
                    : ChunkVectorPooling.Pool(sentenceVectors, embeddings[contextAt[chunk.Context]].Vector.Span);
                records.Add(new ChunkRecord(
                    $"{document.Id}#{chunk.Ordinal}",
                    chunk.Ordinal,
                    chunk.Section,
                    chunk.Text,
                    vector,
                    sentenceVectors));
                sentenceOffset += count;
            }

            offset += chunks.Count;

            if (!isNew)
            {
                // Handlers drop what they derived from the old version first, so re-indexing stays idempotent for them.
                await NotifyRemovedAsync(document.Id, document.Path, run, cancellationToken);
            }

            await _index.UpsertDocumentAsync(document, records, cancellationToken);
            run.Chunks += records.Count;
            if (isNew)
            {
                run.Added++;
            }
            else
            {
                run.Updated++;
            }

            var indexed = new IndexedDocument(
                document.Id,
                document.Title,
                document.Url,
                document.Publisher,
                document.Published,
                document.Tags,
                records.Select(r => new IndexedChunk(r.ChunkId, r.Ordinal, r.Section, r.Text)).ToList());
            foreach (var handler in _handlers)
            {
                try
                {
                    await handler.OnDocumentIndexedAsync(indexed, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "{Handler} failed on {Document}", handler.GetType().Name, document.Id);
                    run.Warnings.Add(new IngestionWarning(document.Path, $"{handler.GetType().Name} failed after indexing: {ex.Message}"));
                }
            }
        }

        pending.Clear();
    }

    private async Task NotifyRemovedAsync(string id, string file, RunState run, CancellationToken cancellationToken)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                await handler.OnDocumentRemovedAsync(id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "{Handler} failed to remove {Document}", handler.GetType().Name, id);
                run.Warnings.Add(new IngestionWarning(file, $"{handler.GetType().Name} failed on removal: {ex.Message}"));
            }
        }
    }

    private static IEnumerable<string> EnumerateFiles(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = true };

        // Dot-files, editor leftovers and a folder's README (it describes the folder) are not articles; sorting makes
        // runs and ids deterministic.
        return Directory.EnumerateFiles(root, "*", options)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Where(f => !Path.GetFileName(f).StartsWith("~$", StringComparison.Ordinal) && !f.EndsWith('~'))
            .Where(f => !Path.GetFileNameWithoutExtension(f).Equals("README", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
    }

    private static async Task<string> HashAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The vectors <c>[start, start + count)</c> one after another in one array.</summary>
    private static float[] Concatenate(GeneratedEmbeddings<Embedding<float>> embeddings, int start, int count)
    {
        if (count == 0)
        {
            return [];
        }

        var dimensions = embeddings[start].Vector.Length;
        var all = new float[count * dimensions];
        for (var i = 0; i < count; i++)
        {
            embeddings[start + i].Vector.Span.CopyTo(all.AsSpan(i * dimensions, dimensions));
        }

        return all;
    }

    private sealed record PreparedDocument(StoredDocument Document, IReadOnlyList<TextChunk> Chunks, bool IsNew);

    private sealed class RunState
    {
        public int Added { get; set; }

        public int Updated { get; set; }

        public int Unchanged { get; set; }

        public int Removed { get; set; }

        public int Failed { get; set; }

        public int Chunks { get; set; }

        public List<IngestionWarning> Warnings { get; } = [];

        public void Warn(string file, string reason)
        {
            Failed++;
            Warnings.Add(new IngestionWarning(file, reason));
        }
    }
}
