namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// The knowledge index's tables in PostgreSQL: the same documents and chunks as the SQLite file, with the chunk vector
/// and the chunk's sentence vectors in <c>real[]</c> columns of the chunk row (no pgvector: vector search runs in
/// memory, so the database only has to hand the vectors over), and a weighted <c>tsvector</c> per chunk under a GIN
/// index for keyword search. Idempotent; run under <see cref="PostgresMigrations"/>' lock.
/// </summary>
internal static class PostgresKnowledgeSchema
{
    public const int Version = 1;

    /// <summary>The NOTIFY channel every write signals with its new content version.</summary>
    public const string Channel = "chatanalyst_knowledge";

    /// <summary>The text search configuration of the keyword index (Snowball English stemming; CJK words pass through).</summary>
    public const string TextSearch = "english";

    public const string ContentVersionSql = "SELECT value FROM knowledge_meta WHERE key = 'content_version'";

    public const string Script = """
        CREATE TABLE IF NOT EXISTS knowledge_meta (
            key   text PRIMARY KEY,
            value bigint NOT NULL
        );
        INSERT INTO knowledge_meta(key, value) VALUES ('schema_version', 1), ('content_version', 0) ON CONFLICT (key) DO NOTHING;
        CREATE TABLE IF NOT EXISTS documents (
            id               text PRIMARY KEY,
            path             text NOT NULL,
            source_folder    text NOT NULL,
            title            text NOT NULL,
            url              text NOT NULL,
            publisher        text,
            published        date,
            tags             text[] NOT NULL DEFAULT '{}',
            hash             text NOT NULL,
            embedding_model  text NOT NULL,
            pipeline_version integer NOT NULL,
            indexed_at       timestamptz NOT NULL
        );
        CREATE TABLE IF NOT EXISTS chunks (
            id               text PRIMARY KEY,
            document_id      text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal          integer NOT NULL,
            section          text,
            text             text NOT NULL,
            search           tsvector NOT NULL,
            model            text NOT NULL,
            vector           real[],
            sentence_vectors real[]
        );
        CREATE INDEX IF NOT EXISTS ix_chunks_document ON chunks(document_id, ordinal);
        CREATE INDEX IF NOT EXISTS ix_chunks_search ON chunks USING gin(search);
        """;
}
