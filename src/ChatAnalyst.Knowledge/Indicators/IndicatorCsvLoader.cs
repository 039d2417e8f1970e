using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// Loads <c>series.csv</c> and <c>observations.csv</c> (and the allowed units from <c>units.csv</c>) from the
/// indicator folder, validates every row, and replaces the curated content of the <see cref="IIndicatorStore"/>
/// in one transaction. A bad row becomes an <see cref="IndicatorRowError"/> and is skipped; good rows still load.
/// </summary>
public sealed partial class IndicatorCsvLoader : IIndicatorLoader
{
    public const string SeriesFile = "series.csv";
    public const string ObservationsFile = "observations.csv";
    public const string UnitsFile = "units.csv";

    private static readonly string[] SeriesColumns = ["id", "name", "name_zh", "aliases", "category", "region", "unit", "measure", "frequency"];
    private static readonly string[] ObservationColumns = ["series_id", "period", "value", "qualifier", "status", "published", "source", "note"];

    private readonly IIndicatorStore _store;
    private readonly IIndicatorSourceResolver _sources;

    public IndicatorCsvLoader(IIndicatorStore store, IIndicatorSourceResolver sources)
    {
        _store = store;
        _sources = sources;
    }

    /// <inheritdoc/>
    public async Task<IndicatorLoadReport> LoadAsync(string folder, CancellationToken cancellationToken = default)
    {
        var errors = new List<IndicatorRowError>();
        var seriesPath = Path.Combine(folder, SeriesFile);
        if (!File.Exists(seriesPath))
        {
            // Without a series file there is nothing to validate against; keep what is loaded rather than wipe it.
            errors.Add(new IndicatorRowError(SeriesFile, 0, $"{seriesPath} not found; curated indicators left unchanged"));
            return new IndicatorLoadReport(0, 0, errors);
        }

        var units = await ReadUnitsAsync(folder, errors, cancellationToken);
        var series = ReadSeries(await ReadTableAsync(seriesPath, SeriesFile, errors, cancellationToken), units, errors);

        var observations = new List<Observation>();
        var observationsPath = Path.Combine(folder, ObservationsFile);
        if (File.Exists(observationsPath))
        {
            var table = await ReadTableAsync(observationsPath, ObservationsFile, errors, cancellationToken);
            observations = await ReadObservationsAsync(table, series, errors, cancellationToken);
        }
        else
        {
            errors.Add(new IndicatorRowError(ObservationsFile, 0, $"{observationsPath} not found; series loaded without observations"));
        }

        await _store.ReplaceCuratedAsync([.. series.Values], observations, cancellationToken);
        return new IndicatorLoadReport(series.Count, observations.Count, errors);
    }

    /// <summary>Parses one CSV file; a record it cannot read is reported with its line and the rest of the file still loads.</summary>
    private static async Task<CsvTable> ReadTableAsync(string path, string file, List<IndicatorRowError> errors, CancellationToken cancellationToken)
    {
        var table = CsvTable.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        errors.AddRange(table.Malformed.Select(record => new IndicatorRowError(file, record.Line, record.Error!)));
        return table;
    }

    private static async Task<IReadOnlySet<string>> ReadUnitsAsync(string folder, List<IndicatorRowError> errors, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, UnitsFile);
        if (!File.Exists(path))
        {
            return new HashSet<string>(IndicatorVocabulary.DefaultUnits, StringComparer.Ordinal);
        }

        var table = await ReadTableAsync(path, UnitsFile, errors, cancellationToken);
        if (table.MissingColumns(["unit"]).Any())
        {
            errors.Add(new IndicatorRowError(UnitsFile, 1, "missing column 'unit'; using the built-in units"));
            return new HashSet<string>(IndicatorVocabulary.DefaultUnits, StringComparer.Ordinal);
        }

        return table.Rows.Select(r => table.Get(r, "unit")).Where(u => u.Length > 0).ToHashSet(StringComparer.Ordinal);
    }

    private static Dictionary<string, IndicatorSeries> ReadSeries(CsvTable table, IReadOnlySet<string> units, List<IndicatorRowError> errors)
    {
        var result = new Dictionary<string, IndicatorSeries>(StringComparer.Ordinal);
        if (!HasColumns(table, SeriesFile, SeriesColumns, errors))
        {
            return result;
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            string F(string c) => table.Get(row, c);
            var id = F("id");
            var reason =
                id.Length == 0 ? "id is empty"
                : !SlugPattern().IsMatch(id) ? $"id '{id}' must be lower-case letters, digits, hyphens, underscores or dots"
                : lines.TryGetValue(id, out var first) ? $"duplicate series id '{id}' (first defined on line {first})"
                : F("name").Length == 0 ? "name is empty"
                // Categories are the curators' own grouping: any lower-case slug, no fixed list in code.
                : !SlugPattern().IsMatch(F("category")) ? $"category '{F("category")}' must be a lower-case word or slug"
                : Unknown(F("unit"), units, "unit", $" (add it to {UnitsFile} if it is a real unit)")
                ?? Unknown(F("measure"), IndicatorVocabulary.Measures, "measure")
                ?? Unknown(F("frequency"), IndicatorVocabulary.Frequencies, "frequency");
            if (reason is not null)
            {
                errors.Add(new IndicatorRowError(SeriesFile, row.Line, reason));
                continue;
            }

            lines[id] = row.Line;
            var aliases = F("aliases").Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            result[id] = new IndicatorSeries(
                id, F("name"), NullIfEmpty(F("name_zh")), aliases, F("category"), F("region"), F("unit"), F("measure"), F("frequency"));
        }

        return result;
    }

    private async Task<List<Observation>> ReadObservationsAsync(
        CsvTable table, Dictionary<string, IndicatorSeries> series, List<IndicatorRowError> errors, CancellationToken cancellationToken)
    {
        var result = new List<Observation>();
        if (!HasColumns(table, ObservationsFile, ObservationColumns, errors))
        {
            return result;
        }

        var sources = new Dictionary<string, IndicatorSource?>(StringComparer.Ordinal);
        var seen = new Dictionary<(string, Period, string, string), int>();
        foreach (var row in table.Rows)
        {
            string F(string c) => table.Get(row, c);
            void Reject(string reason) => errors.Add(new IndicatorRowError(ObservationsFile, row.Line, reason));

            var seriesId = F("series_id");
            if (!series.ContainsKey(seriesId))
            {
                Reject(seriesId.Length == 0 ? "series_id is empty" : $"unknown series id '{seriesId}' (not defined in {SeriesFile}, or its row there was rejected)");
                continue;
            }

            if (!Period.TryParse(F("period"), out var period, out var periodError))
            {
                Reject(periodError);
                continue;
            }

            var valueText = F("value");
            if (!decimal.TryParse(valueText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                Reject($"value '{valueText}' is not a plain decimal (e.g. 9.2 or 12.2903; no thousands separators, units or %)");
                continue;
            }

            var qualifier = NullIfEmpty(F("qualifier"));
            var status = F("status");
            var reason = (qualifier is null ? null : Unknown(qualifier, IndicatorVocabulary.Qualifiers, "qualifier", " (or leave it empty)"))
                ?? Unknown(status, IndicatorVocabulary.Statuses, "status");
            if (reason is not null)
            {
                Reject(reason);
                continue;
            }

            DateOnly? published = null;
            var publishedText = F("published");
            if (publishedText.Length > 0)
            {
                if (!DateOnly.TryParseExact(publishedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    Reject($"published '{publishedText}' is not a date in YYYY-MM-DD form");
                    continue;
                }

                published = date;
            }

            var sourceName = F("source");
            if (!sources.TryGetValue(sourceName, out var source))
            {
                source = sourceName.Length == 0 ? null : await _sources.ResolveAsync(sourceName, cancellationToken);
                sources[sourceName] = source;
            }

            if (source is null)
            {
                Reject(sourceName.Length == 0 ? "source is empty; name the article note the figure comes from" : $"unknown source '{sourceName}': no such note in the article folders");
                continue;
            }

            var key = (seriesId, period, status, sourceName);
            if (seen.TryGetValue(key, out var firstLine))
            {
                Reject($"duplicate row: {seriesId} {period} {status} from {sourceName} is already given on line {firstLine}");
                continue;
            }

            seen[key] = row.Line;
            result.Add(new Observation(seriesId, period, value, qualifier, status, published ?? source.Published, source, NullIfEmpty(F("note"))));
        }

        return result;
    }

    private static bool HasColumns(CsvTable table, string file, string[] required, List<IndicatorRowError> errors)
    {
        var missing = table.MissingColumns(required).ToArray();
        if (missing.Length == 0)
        {
            return true;
        }

        errors.Add(new IndicatorRowError(file, 1, $"missing column(s) {string.Join(", ", missing)}; expected header {string.Join(',', required)}"));
        return false;
    }

    private static string? Unknown(string value, IReadOnlySet<string> allowed, string what, string hint = "") =>
        allowed.Contains(value)
            ? null
            : value.Length == 0
                ? $"{what} is empty (allowed: {string.Join(", ", allowed)})"
                : $"{what} '{value}' is not allowed (allowed: {string.Join(", ", allowed)}){hint}";

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]*$")]
    private static partial Regex SlugPattern();
}
