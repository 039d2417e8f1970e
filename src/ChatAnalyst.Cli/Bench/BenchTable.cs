using System.Globalization;

namespace ChatAnalyst.Cli.Bench;

/// <summary>The rows of one bench run, printed as one Markdown table (it pastes into the README as it is).</summary>
internal sealed class BenchTable
{
    private readonly List<BenchRow> _rows = [];

    public IReadOnlyList<BenchRow> Rows => _rows;

    public void Add(BenchRow row) => _rows.Add(row);

    /// <summary>A figure that has no budget.</summary>
    public void Add(string section, string figure, string value, string note = "") => _rows.Add(new BenchRow(section, figure, value, Note: note));

    /// <summary>A figure held to an upper bound: <paramref name="value"/> must not exceed <paramref name="limit"/>.</summary>
    public void AddAtMost(string section, string figure, double value, double limit, string unit, string note = "", string? limitText = null)
    {
        var shown = Format(value) + unit;
        _rows.Add(new BenchRow(section, figure, shown, "≤ " + (limitText ?? Format(limit) + unit), double.IsFinite(value) ? value <= limit : null, note));
    }

    /// <summary>Numbers as the table shows them: three significant figures at most, invariant culture.</summary>
    public static string Format(double value) => value switch
    {
        double.NaN => "n/a",
        >= 100 => value.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.ToString("F2", CultureInfo.InvariantCulture),
    };

    public void Write(TextWriter output, string machine)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(machine);
        output.WriteLine();
        output.WriteLine("| section | figure | measured | budget | verdict | note |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var row in _rows)
        {
            output.WriteLine($"| {row.Section} | {row.Figure} | {row.Value} | {row.Budget} | {row.Mark} | {row.Note} |");
        }

        var missed = _rows.Where(r => r.Held == false).Select(r => r.Figure).ToList();
        output.WriteLine();
        output.WriteLine(missed.Count == 0
            ? "Every budget held."
            : string.Create(CultureInfo.InvariantCulture, $"{missed.Count} of {_rows.Count(r => r.Held is not null)} budgets missed: {string.Join("; ", missed)}."));
    }
}
