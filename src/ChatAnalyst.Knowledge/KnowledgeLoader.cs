using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Ingestion;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ChatAnalyst.Knowledge;

/// <summary>
/// Brings the knowledge base up: ingests the configured article folders, loads the indicator CSVs when an
/// <see cref="IIndicatorLoader"/> is registered, warms the search index, then marks <see cref="KnowledgeReadiness"/>.
/// The bot runs it from a hosted service and the CLI calls it directly. A failure is logged and recorded on the
/// readiness status rather than thrown, so the bot keeps serving "not ready" instead of crashing.
/// </summary>
public sealed class KnowledgeLoader
{
    private readonly IIngestionService _ingestion;
    private readonly IKnowledgeIndex _index;
    private readonly IKnowledgeSearch _search;
    private readonly KnowledgePaths _paths;
    private readonly KnowledgeReadiness _readiness;
    private readonly IIndicatorLoader? _indicators;
    private readonly ILogger<KnowledgeLoader> _logger;

    public KnowledgeLoader(
        IIngestionService ingestion,
        IKnowledgeIndex index,
        IKnowledgeSearch search,
        KnowledgePaths paths,
        KnowledgeReadiness readiness,
        IEnumerable<IIndicatorLoader> indicators,
        ILogger<KnowledgeLoader> logger)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        _ingestion = ingestion;
        _index = index;
        _search = search;
        _paths = paths;
        _readiness = readiness;
        _indicators = indicators.LastOrDefault();
        _logger = logger;
    }

    /// <summary>What the last ingestion did; null before the first load.</summary>
    public IngestionSummary? LastIngestion { get; private set; }

    /// <summary>What the last indicator load did; null when none ran.</summary>
    public IndicatorLoadReport? LastIndicators { get; private set; }

    /// <summary>Ingests, loads indicators and marks readiness. Cancellation is rethrown; other failures are recorded.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            LastIngestion = await _ingestion.IngestAsync(_paths.Sources, null, cancellationToken);
            foreach (var warning in LastIngestion.Warnings)
            {
                _logger.LogWarning("Ingestion: {File}: {Reason}", warning.File, warning.Reason);
            }

            var observations = 0;
            if (_indicators is not null)
            {
                LastIndicators = await _indicators.LoadAsync(_paths.Indicators, cancellationToken);
                observations = LastIndicators.Observations;
                foreach (var error in LastIndicators.Errors)
                {
                    _logger.LogWarning("Indicators: {Error}", error.ToString());
                }
            }

            if (_search is HybridKnowledgeSearch hybrid)
            {
                // Load the vectors now so the first question does not pay for it.
                await hybrid.RefreshAsync(cancellationToken);
            }

            var counts = await _index.GetCountsAsync(cancellationToken);
            if (counts.Documents == 0)
            {
                // Answering from an empty knowledge base would only ever decline; stay not-ready so a load balancer
                // and the operator both see why.
                var reason = "no articles: " + string.Join("; ", _paths.Sources.Select(DescribeEmptySource));
                _logger.LogWarning("The knowledge base is not ready: {Reason}", reason);
                _readiness.MarkFailed(reason);
                return;
            }

            _readiness.MarkReady(counts.Documents, counts.Chunks, observations);
            _logger.LogInformation(
                "Knowledge base ready: {Documents} documents, {Chunks} chunks, {Observations} indicator observations",
                counts.Documents,
                counts.Chunks,
                observations);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _readiness.MarkFailed("loading was cancelled");
            throw;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            // The database file is the operator's to fix (read-only, locked by another process, a folder, a full
            // disk): one line naming it and what to check, no stack trace; /readyz shows the same reason.
            var reason = $"the database {_paths.Database} cannot be used: {ex.Message.ReplaceLineEndings(" ")} "
                + "(ChatAnalyst:Knowledge:Database; check that the file and its folder are writable and no other process holds it locked)";
            _logger.LogError("The knowledge base is not ready: {Reason}", reason);
            _readiness.MarkFailed(reason);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Loading the knowledge base failed");
            _readiness.MarkFailed(ex.Message);
        }
    }

    private static string DescribeEmptySource(string folder) =>
        Directory.Exists(folder)
            ? $"the folder {folder} holds no readable articles"
            : $"the folder {folder} does not exist (ChatAnalyst:Knowledge:Sources)";
}
