using ChatAnalyst.Knowledge.Indicators.Charts;
using ChatAnalyst.Knowledge.Ingestion;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>Registers the indicator store, loader and figure extraction.</summary>
public static class IndicatorsRegistration
{
    /// <summary>
    /// Adds the indicator catalog over the tables the storage choice selects (SQLite or PostgreSQL), the CSV loader,
    /// figure extraction (as an ingestion step) and the chart renderer. Expects <see cref="KnowledgePaths"/>,
    /// <see cref="SqliteConnectionFactory"/> and the storage options (with the PostgreSQL data source) to be registered already.
    /// </summary>
    public static IServiceCollection AddIndicators(this IServiceCollection services)
    {
        services.TryAddSingleton<SqliteIndicatorTables>();
        services.TryAddSingleton<PostgresIndicatorTables>();
        services.TryAddSingleton<IIndicatorTables>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.UsesPostgres
            ? sp.GetRequiredService<PostgresIndicatorTables>()
            : sp.GetRequiredService<SqliteIndicatorTables>());
        services.TryAddSingleton<IIndicatorStore, IndicatorCatalog>();
        services.TryAddSingleton<IIndicatorSourceResolver, ArticleFolderSourceResolver>();
        services.TryAddSingleton<IIndicatorLoader, IndicatorCsvLoader>();
        services.TryAddSingleton<FigureExtractor>();
        services.TryAddSingleton<IndicatorChartRenderer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentIndexedHandler, ExtractedFigureIndexer>());
        return services;
    }
}
