using System.Runtime.CompilerServices;
using ChatAnalyst.Knowledge.Search;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// <see cref="IKnowledgeIndex"/> in PostgreSQL, shared by every instance on the database (tables in
/// <see cref="PostgresKnowledgeSchema"/>). Keyword search is PostgreSQL full-text search over a weighted
/// <c>tsvector</c>; vectors are stored for <see cref="HybridKnowledgeSearch"/> to hold in memory. Every write bumps
/// the content version and NOTIFYs it, so each instance's search reloads its in-memory vectors after another ingests
/// (<see cref="PostgresChangeListener"/>); <see cref="GetVersionAsync"/> costs no round trip while the listener is up.
/// </summary>
public sealed class PostgresKnowledgeIndex : IKnowledgeIndex, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ChineseSegmenter _segmenter;
    private readonly RunOnce _setUp = new();
    private readonly PostgresChangeListener _listener;

    public PostgresKnowledgeIndex(NpgsqlDataSource dataSource, ChineseSegmenter segmenter, ILogger<PostgresKnowledgeIndex> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _segmenter = segmenter;
        _listener = new PostgresChangeListener(dataSource, PostgresKnowledgeSchema.Channel, PostgresKnowledgeSchema.ContentVersionSql, logger);
    }

    /// <summary>Chunks a term may be in and still bring chunks into keyword search on its own (<see cref="KeywordCandidates"/>).</summary>
    internal int CommonTermChunks { get; init; } = KeywordCandidates.CommonTermChunks;

    /// <summary>Whether change notifications are being received (false before start and while reconnecting).</summary>
    public bool IsListening => _listener.KnownVersion is not null;

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _setUp.RunAsync(
            async token =>
            {
                await PostgresMigrations.RunAsync(_dataSource, PostgresKnowledgeSchema.Script, token);
                await using var command = _dataSource.CreateCommand("SELECT value FROM knowledge_meta WHERE key = 'schema_version'");
                var stored = (long)(await command.ExecuteScalarAsync(token))!;
                if (stored > PostgresKnowledgeSchema.Version)
                {
                    throw new InvalidOperationException(
                        $"The PostgreSQL knowledge index has schema version {stored}, newer than this build understands ({PostgresKnowledgeSchema.Version}). " +
                        "Upgrade the app or point ConnectionStrings:ChatAnalyst at another database.");
                }

                _listener.Start();
            },
            cancellationToken);

    /// <inheritdoc/>
    public async Task<StoredDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var documents = await ReadDocumentsAsync(documentId, cancellationToken);
        return documents.Count == 0 ? null : documents[0];
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(CancellationToken cancellationToken = default) =>
        ReadDocumentsAsync(null, cancellationToken);

    /// <inheritdoc/>
    public async Task UpsertDocumentAsync(StoredDocument document, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(chunks);
        await WriteAsync(
            async (connection, transaction, token) =>
            {
                await using var batch = new NpgsqlBatch(connection, transaction);
                batch.BatchCommands.Add(Command("DELETE FROM chunks WHERE document_id = $1", Text(document.Id)));
                batch.BatchCommands.Add(Command(
                    """
                    INSERT INTO documents(id, path, source_folder, title, url, publisher, published, tags, hash, embedding_model, pipeline_version, indexed_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
                    ON CONFLICT (id) DO UPDATE SET
                        path = excluded.path, source_folder = excluded.source_folder, title = excluded.title, url = excluded.url,
                        publisher = excluded.publisher, published = excluded.published, tags = excluded.tags, hash = excluded.hash,
                        embedding_model = excluded.embedding_model, pipeline_version = excluded.pipeline_version, indexed_at = excluded.indexed_at
                    """,
                    Text(document.Id), Text(document.Path), Text(document.SourceFolder), Text(document.Title), Text(document.Url), Text(document.Publisher),
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = (object?)document.Published ?? DBNull.Value },
                    new NpgsqlParameter<string[]> { TypedValue = [.. document.Tags.Select(t => Clean(t)!)] },
                    Text(document.Hash), Text(document.EmbeddingModel), new NpgsqlParameter<int> { TypedValue = document.PipelineVersion }));

                var title = _segmenter.SegmentForIndex(document.Title);
                foreach (var chunk in chunks)
                {
                    batch.BatchCommands.Add(Command(
                        $"""
                        INSERT INTO chunks(id, document_id, ordinal, section, text, search, model, vector, sentence_vectors)
                        VALUES ($1, $2, $3, $4, $5,
                            setweight(to_tsvector('{PostgresKnowledgeSchema.TextSearch}', $6), 'A') ||
                            setweight(to_tsvector('{PostgresKnowledgeSchema.TextSearch}', $7), 'B') ||
                            to_tsvector('{PostgresKnowledgeSchema.TextSearch}', $8),
                            $9, $10, $11)
                        """,
                        Text(chunk.ChunkId), Text(document.Id), new NpgsqlParameter<int> { TypedValue = chunk.Ordinal }, Text(chunk.Section), Text(chunk.Text),
                        Text(title), Text(_segmenter.SegmentForIndex(chunk.Section ?? string.Empty)), Text(_segmenter.SegmentForIndex(chunk.Text)),
                        Text(document.EmbeddingModel),
                        Vector(chunk.Embedding.IsEmpty ? null : chunk.Embedding.ToArray()),
                        Vector(chunk.Embedding.IsEmpty || chunk.SentenceEmbeddings.IsEmpty ? null : chunk.SentenceEmbeddings.ToArray())));
                }

                await batch.ExecuteNonQueryAsync(token);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> RemoveDocumentAsync(string documentId, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction, token) =>
            {
                // The chunks go with the document (ON DELETE CASCADE).
                await using var command = new NpgsqlCommand("DELETE FROM documents WHERE id = $1", connection, transaction) { Parameters = { Text(documentId) } };
                return await command.ExecuteNonQueryAsync(token) > 0;
            },
            cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<KeywordHit>> KeywordSearchAsync(
        IReadOnlyList<string> terms,
        KnowledgeFilter filter,
        int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(filter);
        var plain = FtsQuery.PlainTerms(terms);
        if (plain.Count == 0 || limit <= 0)
        {
            return [];
        }

        await InitializeAsync(cancellationToken);
        var (candidates, _) = KeywordCandidates.Split(plain, await CountChunksAsync(plain, cancellationToken), CommonTermChunks);
        await using var command = _dataSource.CreateCommand(PostgresKeywordQuery.Sql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. plain] });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = (object?)filter.From ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = (object?)filter.To ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. (filter.Tags ?? []).Select(t => Clean(t)!.ToLowerInvariant())] });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. candidates] });

        var hits = new List<KeywordHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new KeywordHit(reader.GetString(0), reader.GetString(1), reader.GetFloat(2)));
        }

        return hits;
    }

    /// <summary>How many chunks hold each term, counting no further than <see cref="CommonTermChunks"/> + 1.</summary>
    private async Task<IReadOnlyList<long>> CountChunksAsync(IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        if (terms.Count == 1)
        {
            return [0];
        }

        await using var command = _dataSource.CreateCommand(PostgresKeywordQuery.CountSql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. terms] });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = CommonTermChunks + 1 });
        var counts = new List<long>(terms.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(reader.GetInt64(0));
        }

        return counts;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<EmbeddedChunk>> LoadChunksAsync(string embeddingModel, CancellationToken cancellationToken = default) =>
        ReadChunksAsync(embeddingModel, null, cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<EmbeddedChunk> StreamChunksAsync(string embeddingModel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("""
            SELECT id, document_id, ordinal, section, text, CASE WHEN model = $1 THEN vector END
            FROM chunks ORDER BY document_id COLLATE "C", ordinal
            """);
        command.Parameters.Add(Text(embeddingModel));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new EmbeddedChunk(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<float[]>(5));
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, float[]>> GetSentenceVectorsAsync(
        IReadOnlyCollection<string> chunkIds,
        string embeddingModel,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (chunkIds.Count == 0)
        {
            return vectors;
        }

        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand(
            "SELECT id, sentence_vectors FROM chunks WHERE id = ANY($1) AND model = $2 AND sentence_vectors IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. chunkIds.Select(id => Clean(id)!)] });
        command.Parameters.Add(Text(embeddingModel));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            vectors[reader.GetString(0)] = reader.GetFieldValue<float[]>(1);
        }

        return vectors;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<EmbeddedChunk>> GetChunksAsync(string documentId, CancellationToken cancellationToken = default) =>
        ReadChunksAsync(null, documentId, cancellationToken);

    /// <inheritdoc/>
    public async Task<KnowledgeCounts> GetCountsAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("SELECT (SELECT count(*) FROM documents)::int, (SELECT count(*) FROM chunks)::int");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new KnowledgeCounts(reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <inheritdoc/>
    public async Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        if (_listener.KnownVersion is { } known)
        {
            return known;
        }

        // Not listening (starting, or reconnecting after a lost connection): ask the database, as SQLite always does.
        await using var command = _dataSource.CreateCommand(PostgresKnowledgeSchema.ContentVersionSql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync();
        _setUp.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Runs a write in a transaction that first bumps the content version — which row-locks it, so writers from every
    /// instance take turns — and NOTIFYs the new version, delivered to the listeners when the transaction commits.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long version;
        await using (var bump = new NpgsqlCommand(
            $"""
            WITH bumped AS (UPDATE knowledge_meta SET value = value + 1 WHERE key = 'content_version' RETURNING value)
            SELECT value, pg_notify('{PostgresKnowledgeSchema.Channel}', value::text) FROM bumped
            """,
            connection,
            transaction))
        {
            version = (long)(await bump.ExecuteScalarAsync(cancellationToken))!;
        }

        var result = await write(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _listener.Advance(version);
        return result;
    }

    private async Task<IReadOnlyList<StoredDocument>> ReadDocumentsAsync(string? id, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("""
            SELECT id, path, source_folder, title, url, publisher, published, tags, hash, embedding_model, pipeline_version
            FROM documents WHERE $1::text IS NULL OR id = $1 ORDER BY id COLLATE "C"
            """);
        command.Parameters.Add(Text(id));
        var documents = new List<StoredDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Optional(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var published = reader.IsDBNull(6) ? (DateOnly?)null : reader.GetFieldValue<DateOnly>(6);
            documents.Add(new StoredDocument(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Optional(5), published,
                reader.GetFieldValue<string[]>(7), reader.GetString(8), reader.GetString(9), reader.GetInt32(10)));
        }

        return documents;
    }

    private async Task<IReadOnlyList<EmbeddedChunk>> ReadChunksAsync(string? model, string? documentId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);

        // Vectors only for the requested model; listing one document's chunks wants none.
        await using var command = _dataSource.CreateCommand("""
            SELECT id, document_id, ordinal, section, text,
                   CASE WHEN model = $1 THEN vector END, CASE WHEN model = $1 THEN sentence_vectors END
            FROM chunks WHERE $2::text IS NULL OR document_id = $2
            ORDER BY document_id COLLATE "C", ordinal
            """);
        command.Parameters.Add(Text(model));
        command.Parameters.Add(Text(documentId));
        var chunks = new List<EmbeddedChunk>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            float[]? Floats(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<float[]>(i);
            chunks.Add(new EmbeddedChunk(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), Floats(5), Floats(6)));
        }

        return chunks;
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)Clean(value) ?? DBNull.Value };

    private static NpgsqlParameter Vector(float[]? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Real, Value = (object?)value ?? DBNull.Value };

    // PostgreSQL text cannot hold NUL; SQLite can, so a document decoded with one stores without it here.
    private static string? Clean(string? value) => value?.Replace("\0", string.Empty, StringComparison.Ordinal);
}
