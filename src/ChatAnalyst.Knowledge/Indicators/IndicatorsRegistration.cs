using ChatAnalyst.Knowledge.Indicators.Charts;
using ChatAnalyst.Knowledge.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>Registers the indicator store, loader and figure extraction.</summary>
public static class IndicatorsRegistration
{
    /// <summary>
    /// Adds the SQLite indicator store, the CSV loader, figure extraction (as an ingestion step) and the chart renderer.
    /// Expects <see cref="KnowledgePaths"/> and <see cref="Storage.SqliteConnectionFactory"/> to be registered already.
    /// </summary>
    public static IServiceCollection AddIndicators(this IServiceCollection services)
    {
        services.TryAddSingleton<SqliteIndicatorTables>();
        services.TryAddSingleton<IIndicatorTables>(sp => sp.GetRequiredService<SqliteIndicatorTables>());
        services.TryAddSingleton<IIndicatorStore, IndicatorCatalog>();
        services.TryAddSingleton<IIndicatorSourceResolver, ArticleFolderSourceResolver>();
        services.TryAddSingleton<IIndicatorLoader, IndicatorCsvLoader>();
        services.TryAddSingleton<FigureExtractor>();
        services.TryAddSingleton<IndicatorChartRenderer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentIndexedHandler, ExtractedFigureIndexer>());
        return services;
    }
}
