namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// The indicator tables' writes as statements with positional parameters (<c>$1</c>, <c>$2</c>, …), which SQLite and
/// PostgreSQL both read, so the two back-ends run the same writes. Each list starts by bumping the content version:
/// in PostgreSQL that row lock makes writers from different instances take turns. Every value is text or null.
/// </summary>
internal static class IndicatorStatements
{
    private const string BumpVersion = "UPDATE indicator_meta SET value = value + 1 WHERE key = 'content_version'";

    private const string DeleteFigures = "DELETE FROM indicator_extracted_figures WHERE document_id = $1";

    /// <summary>Replaces all curated series, their sources and observations.</summary>
    public static IEnumerable<(string Sql, string?[] Values)> ReplaceCurated(IReadOnlyList<IndicatorSeries> series, IReadOnlyList<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(observations);
        yield return (BumpVersion, []);
        yield return ("DELETE FROM indicator_observations", []);
        yield return ("DELETE FROM indicator_series", []);
        yield return ("DELETE FROM indicator_sources", []);
        foreach (var s in series)
        {
            yield return (
                "INSERT INTO indicator_series (id, name, name_zh, aliases, category, region, unit, measure, frequency) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                [s.Id, s.Name, s.NameZh, string.Join('|', s.Aliases), s.Category, s.Region, s.Unit, s.Measure, s.Frequency]);
        }

        foreach (var source in observations.Select(o => o.Source).DistinctBy(s => s.DocumentId))
        {
            yield return (
                "INSERT INTO indicator_sources (document_id, title, url, publisher, published) VALUES ($1, $2, $3, $4, $5)",
                [source.DocumentId, source.Title, source.Url, source.Publisher, IndicatorRows.DateText(source.Published)]);
        }

        foreach (var o in observations)
        {
            yield return (
                "INSERT INTO indicator_observations (series_id, period, value, qualifier, status, published, source, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                [o.SeriesId, o.Period.ToString(), o.ValueText, o.Qualifier, o.Status, IndicatorRows.DateText(o.Published), o.Source.DocumentId, o.Note]);
        }
    }

    /// <summary>Replaces the extracted figures of one document.</summary>
    public static IEnumerable<(string Sql, string?[] Values)> ReplaceFigures(string documentId, IReadOnlyList<ExtractedFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        yield return (BumpVersion, []);
        yield return (DeleteFigures, [documentId]);
        foreach (var f in figures)
        {
            var c = f.Figure;
            yield return (
                """
                INSERT INTO indicator_extracted_figures (document_id, chunk_id, title, url, publisher, published, value, unit, qualifier, subject, period, status, measure, sentence)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                """,
                [documentId, f.ChunkId, f.Source.Title, f.Source.Url, f.Source.Publisher, IndicatorRows.DateText(f.Source.Published), c.Value, c.Unit, c.Qualifier,
                    c.Subject, c.Period?.ToString(), c.Status, c.Measure, c.Sentence]);
        }
    }

    /// <summary>Removes the extracted figures of one document.</summary>
    public static IEnumerable<(string Sql, string?[] Values)> RemoveFigures(string documentId) =>
        [(BumpVersion, []), (DeleteFigures, [documentId])];
}
