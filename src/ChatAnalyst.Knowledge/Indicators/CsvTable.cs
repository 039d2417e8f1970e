using System.Text;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>
/// A minimal RFC 4180 reader for the curated CSV files. Hand-written rather than a package because the
/// loader needs the physical line number of every record (for error reports) and quoted fields such as
/// <c>"units per 10,000 people"</c>, and nothing more.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(IReadOnlyList<string> header, IReadOnlyList<CsvRecord> rows, IReadOnlyList<CsvRecord> malformed)
    {
        Header = header;
        Rows = rows;
        Malformed = malformed;
        _columns = header
            .Select((name, index) => (name, index))
            .GroupBy(c => c.name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().index, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<CsvRecord> Rows { get; }

    /// <summary>Records that could not be read (an unterminated quote), with their line and <see cref="CsvRecord.Error"/>.</summary>
    public IReadOnlyList<CsvRecord> Malformed { get; }

    public IEnumerable<string> MissingColumns(IEnumerable<string> required) => required.Where(c => !_columns.ContainsKey(c));

    public string Get(CsvRecord row, string column) =>
        _columns.TryGetValue(column, out var i) && i < row.Fields.Count ? row.Fields[i].Trim() : string.Empty;

    public static CsvTable Parse(string text)
    {
        var records = ReadRecords(text.TrimStart('\uFEFF'));
        var malformed = records.Where(r => r.Error is not null).ToArray();
        records.RemoveAll(r => r.Error is not null);
        if (records.Count == 0)
        {
            return new CsvTable([], [], malformed);
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToArray();
        var rows = records.Skip(1).Where(r => r.Fields.Any(f => f.Trim().Length > 0)).ToArray();
        return new CsvTable(header, rows, malformed);
    }

    private static List<CsvRecord> ReadRecords(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var any = false;
        var recordStart = 0;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes && i == text.Length - 1 && c != '"')
            {
                // The quote opened in this record never closes. Rather than let it swallow the rest of the file, report
                // the record and read on from the line after the one it started on.
                records.Add(new CsvRecord(recordLine, [], "unterminated quote; the row was skipped"));
                var next = text.IndexOf('\n', recordStart);
                if (next < 0 || next >= text.Length - 1)
                {
                    return records;
                }

                line = recordLine + 1;
                recordLine = line;
                recordStart = next + 1;
                i = next;
                inQuotes = false;
                any = false;
                fields.Clear();
                field.Clear();
                continue;
            }

            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inQuotes = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add(new CsvRecord(recordLine, fields.ToArray()));
                    fields.Clear();
                    any = false;
                    line++;
                    recordLine = line;
                    recordStart = i + 1;
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }
        }

        if (inQuotes)
        {
            records.Add(new CsvRecord(recordLine, [], "unterminated quote; the row was skipped"));
            return records;
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(recordLine, fields.ToArray()));
        }

        return records;
    }
}

/// <summary>One CSV record and the physical line it starts on (1 = header); <paramref name="Error"/> when it could not be read.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error = null);
