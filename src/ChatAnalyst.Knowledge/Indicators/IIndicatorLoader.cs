namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>Loads and validates the curated indicator CSV files into the index.</summary>
public interface IIndicatorLoader
{
    /// <summary>
    /// Replaces the curated indicators with the content of <paramref name="folder"/>. A bad row is reported
    /// with file, line and reason and skipped; it is never silently coerced.
    /// </summary>
    Task<IndicatorLoadReport> LoadAsync(string folder, CancellationToken cancellationToken = default);
}

/// <summary>What one indicator load did.</summary>
public sealed record IndicatorLoadReport(int Series, int Observations, IReadOnlyList<IndicatorRowError> Errors);

/// <summary>A rejected CSV row.</summary>
public sealed record IndicatorRowError(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}
