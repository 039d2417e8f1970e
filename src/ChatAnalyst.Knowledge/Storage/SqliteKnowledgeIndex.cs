using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using ChatAnalyst.Knowledge.Search;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// <see cref="IKnowledgeIndex"/> on the embedded SQLite file: <c>documents</c>, <c>chunks</c>, <c>chunk_embeddings</c>
/// (float32 BLOBs), an FTS5 table <c>chunks_fts</c> for BM25, and <c>knowledge_meta</c> (schema and content version).
/// Other components keep their own tables in the same file; this class never touches tables it does not own.
/// </summary>
public sealed class SqliteKnowledgeIndex : IKnowledgeIndex, IDisposable
{
    private const int SchemaVersion = 1;

    /// <summary>Keyword terms whose chunk counts are kept before the memo starts over.</summary>
    private const int TermCountsCapacity = 8192;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS knowledge_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS documents (
            id               TEXT PRIMARY KEY,
            path             TEXT NOT NULL,
            source_folder    TEXT NOT NULL,
            title            TEXT NOT NULL,
            url              TEXT NOT NULL,
            publisher        TEXT,
            published        TEXT,
            tags             TEXT NOT NULL DEFAULT '[]',
            hash             TEXT NOT NULL,
            embedding_model  TEXT NOT NULL,
            pipeline_version INTEGER NOT NULL,
            indexed_at       TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS chunks (
            seq         INTEGER PRIMARY KEY,
            id          TEXT NOT NULL UNIQUE,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal     INTEGER NOT NULL,
            section     TEXT,
            text        TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_chunks_document ON chunks(document_id, ordinal);
        CREATE TABLE IF NOT EXISTS chunk_embeddings (
            chunk_seq  INTEGER PRIMARY KEY REFERENCES chunks(seq) ON DELETE CASCADE,
            model      TEXT NOT NULL,
            dimensions INTEGER NOT NULL,
            vector     BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS sentence_embeddings (
            chunk_seq  INTEGER PRIMARY KEY REFERENCES chunks(seq) ON DELETE CASCADE,
            model      TEXT NOT NULL,
            dimensions INTEGER NOT NULL,
            vectors    BLOB NOT NULL
        );
        CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
            title, section, body,
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        INSERT OR IGNORE INTO knowledge_meta(key, value) VALUES ('schema_version', '1');
        INSERT OR IGNORE INTO knowledge_meta(key, value) VALUES ('content_version', '0');
        """;

    private readonly SqliteConnectionFactory _connections;
    private readonly ChineseSegmenter _segmenter;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Keyword terms' chunk counts at one content version (<see cref="KeywordSearchAsync"/>).</summary>
    private volatile TermCounts _termCounts = new(long.MinValue, new ConcurrentDictionary<string, long>(StringComparer.Ordinal));

    public SqliteKnowledgeIndex(SqliteConnectionFactory connections, ChineseSegmenter segmenter)
    {
        _connections = connections;
        _segmenter = segmenter;
    }

    /// <summary>Chunks a term may be in and still bring chunks into keyword search on its own (<see cref="KeywordCandidates"/>).</summary>
    internal int CommonTermChunks { get; init; } = KeywordCandidates.CommonTermChunks;

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            await using var connection = await _connections.OpenAsync(cancellationToken);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = Schema;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            var stored = await ScalarAsync(connection, null, "SELECT value FROM knowledge_meta WHERE key = 'schema_version'", cancellationToken);
            if (int.Parse(stored ?? "0", CultureInfo.InvariantCulture) > SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"The knowledge index {_connections.DatabaseFile} has schema version {stored}, newer than this build understands ({SchemaVersion}). " +
                    "Upgrade the app or point ChatAnalyst:Knowledge:Database at a new file.");
            }

            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<StoredDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var documents = await QueryDocumentsAsync("WHERE id = $id", documentId, cancellationToken);
        return documents.Count == 0 ? null : documents[0];
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(CancellationToken cancellationToken = default) =>
        QueryDocumentsAsync(string.Empty, null, cancellationToken);

    /// <inheritdoc/>
    public async Task UpsertDocumentAsync(StoredDocument document, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(chunks);
        await InitializeAsync(cancellationToken);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        await DeleteChunksAsync(connection, transaction, document.Id, cancellationToken);

        // An upsert rather than INSERT OR REPLACE: replacing would delete the row and cascade into tables that reference it.
        await ExecuteAsync(connection, transaction, """
            INSERT INTO documents(id, path, source_folder, title, url, publisher, published, tags, hash, embedding_model, pipeline_version, indexed_at)
            VALUES ($id, $path, $source, $title, $url, $publisher, $published, $tags, $hash, $model, $pipeline, $indexed)
            ON CONFLICT(id) DO UPDATE SET
                path = excluded.path, source_folder = excluded.source_folder, title = excluded.title, url = excluded.url,
                publisher = excluded.publisher, published = excluded.published, tags = excluded.tags, hash = excluded.hash,
                embedding_model = excluded.embedding_model, pipeline_version = excluded.pipeline_version, indexed_at = excluded.indexed_at
            """,
            cancellationToken,
            ("$id", document.Id),
            ("$path", document.Path),
            ("$source", document.SourceFolder),
            ("$title", document.Title),
            ("$url", document.Url),
            ("$publisher", document.Publisher),
            ("$published", document.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("$tags", JsonSerializer.Serialize(document.Tags)),
            ("$hash", document.Hash),
            ("$model", document.EmbeddingModel),
            ("$pipeline", document.PipelineVersion),
            ("$indexed", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));

        await using var insertChunk = connection.CreateCommand();
        insertChunk.Transaction = transaction;
        insertChunk.CommandText = """
            INSERT INTO chunks(id, document_id, ordinal, section, text) VALUES ($id, $document, $ordinal, $section, $text) RETURNING seq
            """;
        var chunkId = insertChunk.Parameters.Add("$id", SqliteType.Text);
        insertChunk.Parameters.AddWithValue("$document", document.Id);
        var ordinal = insertChunk.Parameters.Add("$ordinal", SqliteType.Integer);
        var section = insertChunk.Parameters.Add("$section", SqliteType.Text);
        var text = insertChunk.Parameters.Add("$text", SqliteType.Text);

        await using var insertFts = connection.CreateCommand();
        insertFts.Transaction = transaction;
        insertFts.CommandText = "INSERT INTO chunks_fts(rowid, title, section, body) VALUES ($seq, $title, $section, $body)";
        var ftsSeq = insertFts.Parameters.Add("$seq", SqliteType.Integer);
        insertFts.Parameters.AddWithValue("$title", _segmenter.SegmentForIndex(document.Title));
        var ftsSection = insertFts.Parameters.Add("$section", SqliteType.Text);
        var ftsBody = insertFts.Parameters.Add("$body", SqliteType.Text);

        await using var insertVector = connection.CreateCommand();
        insertVector.Transaction = transaction;
        insertVector.CommandText = "INSERT INTO chunk_embeddings(chunk_seq, model, dimensions, vector) VALUES ($seq, $model, $dimensions, $vector)";
        var vectorSeq = insertVector.Parameters.Add("$seq", SqliteType.Integer);
        insertVector.Parameters.AddWithValue("$model", document.EmbeddingModel);
        var dimensions = insertVector.Parameters.Add("$dimensions", SqliteType.Integer);
        var vector = insertVector.Parameters.Add("$vector", SqliteType.Blob);

        await using var insertSentences = connection.CreateCommand();
        insertSentences.Transaction = transaction;
        insertSentences.CommandText = "INSERT INTO sentence_embeddings(chunk_seq, model, dimensions, vectors) VALUES ($seq, $model, $dimensions, $vectors)";
        var sentencesSeq = insertSentences.Parameters.Add("$seq", SqliteType.Integer);
        insertSentences.Parameters.AddWithValue("$model", document.EmbeddingModel);
        var sentenceDimensions = insertSentences.Parameters.Add("$dimensions", SqliteType.Integer);
        var sentenceVectors = insertSentences.Parameters.Add("$vectors", SqliteType.Blob);

        foreach (var chunk in chunks)
        {
            chunkId.Value = chunk.ChunkId;
            ordinal.Value = chunk.Ordinal;
            section.Value = (object?)chunk.Section ?? DBNull.Value;
            text.Value = chunk.Text;
            var seq = (long)(await insertChunk.ExecuteScalarAsync(cancellationToken))!;

            ftsSeq.Value = seq;
            ftsSection.Value = _segmenter.SegmentForIndex(chunk.Section ?? string.Empty);
            ftsBody.Value = _segmenter.SegmentForIndex(chunk.Text);
            await insertFts.ExecuteNonQueryAsync(cancellationToken);

            if (!chunk.Embedding.IsEmpty)
            {
                vectorSeq.Value = seq;
                dimensions.Value = chunk.Embedding.Length;
                vector.Value = MemoryMarshal.AsBytes(chunk.Embedding.Span).ToArray();
                await insertVector.ExecuteNonQueryAsync(cancellationToken);
            }

            if (!chunk.SentenceEmbeddings.IsEmpty && !chunk.Embedding.IsEmpty)
            {
                sentencesSeq.Value = seq;
                sentenceDimensions.Value = chunk.Embedding.Length;
                sentenceVectors.Value = MemoryMarshal.AsBytes(chunk.SentenceEmbeddings.Span).ToArray();
                await insertSentences.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await BumpVersionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> RemoveDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await DeleteChunksAsync(connection, transaction, documentId, cancellationToken);
        var removed = await ExecuteAsync(connection, transaction, "DELETE FROM documents WHERE id = $id", cancellationToken, ("$id", documentId));
        await BumpVersionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed > 0;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<KeywordHit>> KeywordSearchAsync(
        IReadOnlyList<string> terms,
        KnowledgeFilter filter,
        int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(filter);
        if (FtsQuery.Quoted(terms).Count == 0 || limit <= 0)
        {
            return [];
        }

        await InitializeAsync(cancellationToken);
        await using var connection = await _connections.OpenAsync(cancellationToken);

        // A term's chunk count changes only with the content, and every write bumps the content version, so the counts
        // are kept per version: one read of the version instead of one count per term the version has seen before.
        var version = long.Parse(await ScalarAsync(connection, null, "SELECT value FROM knowledge_meta WHERE key = 'content_version'", cancellationToken) ?? "0", CultureInfo.InvariantCulture);
        var known = _termCounts;
        if (known.Version != version || known.Counts.Count > TermCountsCapacity)
        {
            known = new TermCounts(version, new ConcurrentDictionary<string, long>(StringComparer.Ordinal));
            _termCounts = known;
        }

        return await SqliteKeywordQuery.RunAsync(connection, terms, filter, limit, CommonTermChunks, cancellationToken, known.Counts);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<EmbeddedChunk>> LoadChunksAsync(string embeddingModel, CancellationToken cancellationToken = default) =>
        QueryChunksAsync(string.Empty, embeddingModel, null, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<EmbeddedChunk> StreamChunksAsync(string embeddingModel, CancellationToken cancellationToken = default) =>
        ReadChunksAsync(string.Empty, embeddingModel, null, cancellationToken, sentenceVectors: false);

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
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var names = chunkIds.Select((id, i) =>
        {
            var name = "$id" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, id);
            return name;
        }).ToList();
        command.CommandText = $"""
            SELECT c.id, s.vectors FROM chunks c JOIN sentence_embeddings s ON s.chunk_seq = c.seq AND s.model = $model
            WHERE c.id IN ({string.Join(", ", names)})
            """;
        command.Parameters.AddWithValue("$model", embeddingModel);
        var buffer = Array.Empty<byte>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            vectors[reader.GetString(0)] = Floats(reader, 1, ref buffer)!;
        }

        return vectors;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<EmbeddedChunk>> GetChunksAsync(string documentId, CancellationToken cancellationToken = default) =>
        QueryChunksAsync("WHERE c.document_id = $document", string.Empty, documentId, cancellationToken);

    /// <inheritdoc/>
    public async Task<KnowledgeCounts> GetCountsAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var documents = await ScalarAsync(connection, null, "SELECT count(*) FROM documents", cancellationToken);
        var chunks = await ScalarAsync(connection, null, "SELECT count(*) FROM chunks", cancellationToken);
        return new KnowledgeCounts(
            int.Parse(documents ?? "0", CultureInfo.InvariantCulture),
            int.Parse(chunks ?? "0", CultureInfo.InvariantCulture));
    }

    /// <inheritdoc/>
    public async Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var value = await ScalarAsync(connection, null, "SELECT value FROM knowledge_meta WHERE key = 'content_version'", cancellationToken);
        return long.Parse(value ?? "0", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public void Dispose() => _initGate.Dispose();

    private async Task<IReadOnlyList<StoredDocument>> QueryDocumentsAsync(string where, string? id, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT id, path, source_folder, title, url, publisher, published, tags, hash, embedding_model, pipeline_version
            FROM documents {where} ORDER BY id
            """;
        if (id is not null)
        {
            command.Parameters.AddWithValue("$id", id);
        }

        var documents = new List<StoredDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(new StoredDocument(
                Id: reader.GetString(0),
                Path: reader.GetString(1),
                SourceFolder: reader.GetString(2),
                Title: reader.GetString(3),
                Url: reader.GetString(4),
                Publisher: reader.IsDBNull(5) ? null : reader.GetString(5),
                Published: reader.IsDBNull(6) ? null : DateOnly.ParseExact(reader.GetString(6), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Tags: JsonSerializer.Deserialize<string[]>(reader.GetString(7)) ?? [],
                Hash: reader.GetString(8),
                EmbeddingModel: reader.GetString(9),
                PipelineVersion: reader.GetInt32(10)));
        }

        return documents;
    }

    private async Task<IReadOnlyList<EmbeddedChunk>> QueryChunksAsync(string where, string model, string? documentId, CancellationToken cancellationToken)
    {
        var chunks = new List<EmbeddedChunk>();
        await foreach (var chunk in ReadChunksAsync(where, model, documentId, cancellationToken))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    private async IAsyncEnumerable<EmbeddedChunk> ReadChunksAsync(
        string where,
        string model,
        string? documentId,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        bool sentenceVectors = true)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT c.id, c.document_id, c.ordinal, c.section, c.text, e.vector, {(sentenceVectors ? "s.vectors" : "NULL")}
            FROM chunks c LEFT JOIN chunk_embeddings e ON e.chunk_seq = c.seq AND e.model = $model
            {(sentenceVectors ? "LEFT JOIN sentence_embeddings s ON s.chunk_seq = c.seq AND s.model = $model" : string.Empty)}
            {where}
            ORDER BY c.document_id, c.ordinal
            """;
        command.Parameters.AddWithValue("$model", model);
        if (documentId is not null)
        {
            command.Parameters.AddWithValue("$document", documentId);
        }

        var buffer = Array.Empty<byte>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new EmbeddedChunk(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                Floats(reader, 5, ref buffer),
                Floats(reader, 6, ref buffer));
        }
    }

    /// <summary>
    /// A float32 blob column as floats, or null. The bytes go through one buffer reused row after row, so loading every
    /// chunk leaves one array per vector behind, not two (at 10k chunks the second copy was over 100 MB of garbage).
    /// </summary>
    private static float[]? Floats(SqliteDataReader reader, int ordinal, ref byte[] buffer)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var length = (int)reader.GetBytes(ordinal, 0, null, 0, 0);
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }

        reader.GetBytes(ordinal, 0, buffer, 0, length);
        return MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, length)).ToArray();
    }

    private static async Task DeleteChunksAsync(SqliteConnection connection, SqliteTransaction transaction, string documentId, CancellationToken cancellationToken)
    {
        // FTS rows are keyed by the chunk's seq, so they go first, while the chunks still say which seqs belong to the document.
        await ExecuteAsync(connection, transaction,
            "DELETE FROM chunks_fts WHERE rowid IN (SELECT seq FROM chunks WHERE document_id = $id)", cancellationToken, ("$id", documentId));
        await ExecuteAsync(connection, transaction,
            "DELETE FROM chunk_embeddings WHERE chunk_seq IN (SELECT seq FROM chunks WHERE document_id = $id)", cancellationToken, ("$id", documentId));
        await ExecuteAsync(connection, transaction,
            "DELETE FROM sentence_embeddings WHERE chunk_seq IN (SELECT seq FROM chunks WHERE document_id = $id)", cancellationToken, ("$id", documentId));
        await ExecuteAsync(connection, transaction, "DELETE FROM chunks WHERE document_id = $id", cancellationToken, ("$id", documentId));
    }

    private static Task<int> BumpVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction,
            "UPDATE knowledge_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'content_version'", cancellationToken);

    private static async Task<int> ExecuteAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
    }

    private sealed record TermCounts(long Version, ConcurrentDictionary<string, long> Counts);
}
