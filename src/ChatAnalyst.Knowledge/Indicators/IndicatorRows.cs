using System.Data.Common;
using System.Globalization;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// The indicator tables' queries and row mapping, shared by the SQLite and the PostgreSQL tables: both keep the same
/// columns as text, so a row reads the same way from either.
/// </summary>
internal static class IndicatorRows
{
    // Series order is not left to the database's collation: the catalog sorts them ordinally.
    public const string SeriesSql = "SELECT id, name, name_zh, aliases, category, region, unit, measure, frequency FROM indicator_series";

    public const string ObservationsSql = """
        SELECT o.series_id, o.period, o.value, o.qualifier, o.status, o.published, o.note,
               s.document_id, s.title, s.url, s.publisher, s.published
        FROM indicator_observations o JOIN indicator_sources s ON s.document_id = o.source
        ORDER BY o.id
        """;

    public const string FiguresSql = """
        SELECT document_id, chunk_id, title, url, publisher, published, value, unit, qualifier, subject, period, status, measure, sentence
        FROM indicator_extracted_figures ORDER BY id
        """;

    /// <summary>Runs <paramref name="command"/> and maps every row, whatever the driver.</summary>
    public static async Task<List<T>> ReadAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(map);
        var result = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(map(reader));
        }

        return result;
    }

    public static IndicatorSeries Series(DbDataReader r) => new(
        r.Text(0),
        r.Text(1),
        r.NullableText(2),
        r.Text(3).Split('|', StringSplitOptions.RemoveEmptyEntries),
        r.Text(4),
        r.Text(5),
        r.Text(6),
        r.Text(7),
        r.Text(8));

    public static Observation Observation(DbDataReader r)
    {
        var source = new IndicatorSource(r.Text(7), r.Text(8), r.Text(9), r.NullableText(10), ParseDate(r.NullableText(11)));
        return new Observation(
            r.Text(0),
            Period.Parse(r.Text(1)),
            decimal.Parse(r.Text(2), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
            r.NullableText(3),
            r.Text(4),
            ParseDate(r.NullableText(5)),
            source,
            r.NullableText(6));
    }

    public static ExtractedFigure Figure(DbDataReader r)
    {
        var documentId = r.Text(0);
        var source = new IndicatorSource(documentId, r.Text(2), r.Text(3), r.NullableText(4), ParseDate(r.NullableText(5)));
        Period? period = Period.TryParse(r.NullableText(10), out var p) ? p : null;
        var figure = new FigureCandidate(r.Text(6), r.Text(7), r.NullableText(8), r.Text(9), period, r.Text(11), r.Text(12), r.Text(13));
        return new ExtractedFigure(documentId, r.Text(1), source, figure);
    }

    private static string Text(this DbDataReader r, int ordinal) => r.GetString(ordinal);

    private static string? NullableText(this DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    public static string? DateText(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
