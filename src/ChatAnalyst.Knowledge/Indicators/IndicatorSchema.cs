using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// The indicator tables in the shared SQLite file. Created idempotently; this code never drops a table, so it
/// cannot disturb the tables the ingestion pipeline owns in the same file.
/// </summary>
internal static class IndicatorSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS indicator_series (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_zh TEXT,
            aliases TEXT NOT NULL,
            category TEXT NOT NULL,
            region TEXT NOT NULL,
            unit TEXT NOT NULL,
            measure TEXT NOT NULL,
            frequency TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS indicator_sources (
            document_id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            url TEXT NOT NULL,
            publisher TEXT,
            published TEXT);
        CREATE TABLE IF NOT EXISTS indicator_observations (
            id INTEGER PRIMARY KEY,
            series_id TEXT NOT NULL REFERENCES indicator_series(id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            value TEXT NOT NULL,
            qualifier TEXT,
            status TEXT NOT NULL,
            published TEXT,
            source TEXT NOT NULL REFERENCES indicator_sources(document_id),
            note TEXT);
        CREATE INDEX IF NOT EXISTS ix_indicator_observations_series ON indicator_observations(series_id);
        CREATE TABLE IF NOT EXISTS indicator_extracted_figures (
            id INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL,
            chunk_id TEXT NOT NULL,
            title TEXT NOT NULL,
            url TEXT NOT NULL,
            publisher TEXT,
            published TEXT,
            value TEXT NOT NULL,
            unit TEXT NOT NULL,
            qualifier TEXT,
            subject TEXT NOT NULL,
            period TEXT,
            status TEXT NOT NULL,
            measure TEXT NOT NULL,
            sentence TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_indicator_extracted_figures_document ON indicator_extracted_figures(document_id);
        CREATE TABLE IF NOT EXISTS indicator_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT OR IGNORE INTO indicator_meta (key, value) VALUES ('content_version', 0);
        """;

    public static async Task EnsureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
