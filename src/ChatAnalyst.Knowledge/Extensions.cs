using ChatAnalyst.Knowledge.Embeddings;
using ChatAnalyst.Knowledge.Feedback;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Ingestion;
using ChatAnalyst.Knowledge.Ingestion.Decoders;
using ChatAnalyst.Knowledge.Search;
using ChatAnalyst.Knowledge.Storage;
using ChatAnalyst.Knowledge.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatAnalyst.Knowledge;

/// <summary>Service registrations of the knowledge project: options, index, embeddings, ingestion, search, indicators.</summary>
public static class Extensions
{
    private static readonly string[] KnownEmbeddingModels = ["MiniLM", "OpenAI", "AzureOpenAI"];

    /// <summary>
    /// Registers everything the knowledge base needs. An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> registered
    /// before this call is kept (that is the seam for hosted embedding models); otherwise the configured
    /// <see cref="KnowledgeOptions.Embeddings"/> decides.
    /// </summary>
    public static IServiceCollection AddChatAnalystKnowledge(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>()
            .BindConfiguration(KnowledgeOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => KnownEmbeddingModels.Contains(o.Embeddings, StringComparer.OrdinalIgnoreCase),
                $"ChatAnalyst:Knowledge:Embeddings must be one of {string.Join(", ", KnownEmbeddingModels)} (MiniLM runs offline).")
            .ValidateOnStart();

        services.TryAddSingleton<KnowledgePaths>();
        services.TryAddSingleton<KnowledgeReadiness>();
        services.TryAddSingleton(sp => new SqliteConnectionFactory(sp.GetRequiredService<KnowledgePaths>()));
        services.AddChatAnalystStorage();

        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(CreateEmbeddingGenerator);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentDecoder, MarkdownDecoder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentDecoder, PlainTextDecoder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentDecoder, HtmlDecoder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentDecoder, PdfDecoder>());
        services.TryAddSingleton<TextChunker>();
        services.TryAddSingleton<IIngestionService, IngestionService>();

        services.TryAddSingleton<ChineseSegmenter>();
        services.TryAddSingleton(sp => new BilingualGlossary(
            sp.GetRequiredService<KnowledgePaths>(),
            sp.GetRequiredService<ILogger<BilingualGlossary>>()));
        services.TryAddSingleton(sp => new UnitNames(
            sp.GetRequiredService<KnowledgePaths>(),
            sp.GetRequiredService<ILogger<UnitNames>>()));
        services.TryAddSingleton<HybridKnowledgeSearch>();
        services.TryAddSingleton<IKnowledgeSearch>(sp => sp.GetRequiredService<HybridKnowledgeSearch>());
        services.TryAddSingleton<RetrievalEvaluator>();

        services.TryAddSingleton<KnowledgeLoader>();
        services.AddIndicators();
        return services;
    }

    /// <summary>Stores the knowledge index in the SQLite file named by <see cref="KnowledgeOptions.Database"/>.</summary>
    public static IServiceCollection AddSqliteKnowledgeIndex(this IServiceCollection services)
    {
        services.TryAddSingleton<SqliteKnowledgeIndex>();
        services.TryAddSingleton<IKnowledgeIndex>(sp => sp.GetRequiredService<SqliteKnowledgeIndex>());
        return services;
    }

    /// <summary>
    /// Stores the knowledge index in the PostgreSQL database of <c>ConnectionStrings:ChatAnalyst</c>, shared by every
    /// instance that names it; each instance still searches vectors in memory and reloads them when another ingests.
    /// </summary>
    public static IServiceCollection AddPostgresKnowledgeIndex(this IServiceCollection services)
    {
        services.TryAddSingleton<PostgresKnowledgeIndex>();
        services.TryAddSingleton<IKnowledgeIndex>(sp => sp.GetRequiredService<PostgresKnowledgeIndex>());
        return services;
    }

    /// <summary>
    /// Registers the storage choice (<see cref="StorageOptions"/>, validated at start), the PostgreSQL data source it
    /// may name, and the knowledge index and feedback store it selects. An <see cref="IKnowledgeIndex"/> or
    /// <see cref="IFeedbackStore"/> registered earlier is kept.
    /// </summary>
    public static IServiceCollection AddChatAnalystStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .Configure<IConfiguration>((o, configuration) =>
                o.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName) ?? o.ConnectionString)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        // Resolved only when the provider is Postgres; the service provider disposes it (and its pooled connections) at shutdown.
        services.TryAddSingleton(sp => new NpgsqlDataSourceBuilder(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString)
            .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())
            .Build());

        services.TryAddSingleton<SqliteKnowledgeIndex>();
        services.TryAddSingleton<PostgresKnowledgeIndex>();
        services.TryAddSingleton<IKnowledgeIndex>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.UsesPostgres
            ? sp.GetRequiredService<PostgresKnowledgeIndex>()
            : sp.GetRequiredService<SqliteKnowledgeIndex>());

        services.TryAddSingleton<SqliteFeedbackStore>();
        services.TryAddSingleton<PostgresFeedbackStore>();
        services.TryAddSingleton<IFeedbackStore>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.UsesPostgres
            ? sp.GetRequiredService<PostgresFeedbackStore>()
            : sp.GetRequiredService<SqliteFeedbackStore>());
        return services;
    }

    /// <summary>Keeps sent answers and the users' feedback on them in the same SQLite file, in tables of their own.</summary>
    public static IServiceCollection AddSqliteFeedbackStore(this IServiceCollection services)
    {
        services.TryAddSingleton<SqliteFeedbackStore>();
        services.TryAddSingleton<IFeedbackStore>(sp => sp.GetRequiredService<SqliteFeedbackStore>());
        return services;
    }

    /// <summary>
    /// Keeps sent answers and feedback in the PostgreSQL database of <c>ConnectionStrings:ChatAnalyst</c>, shared by
    /// every instance that names it.
    /// </summary>
    public static IServiceCollection AddPostgresFeedbackStore(this IServiceCollection services)
    {
        services.TryAddSingleton<PostgresFeedbackStore>();
        services.TryAddSingleton<IFeedbackStore>(sp => sp.GetRequiredService<PostgresFeedbackStore>());
        return services;
    }

    private static IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
        if (string.Equals(options.Embeddings, "MiniLM", StringComparison.OrdinalIgnoreCase))
        {
            return new MiniLmEmbeddingGenerator(string.IsNullOrWhiteSpace(options.ModelCache)
                ? null
                : services.GetRequiredService<KnowledgePaths>().Resolve(options.ModelCache));
        }

        throw new InvalidOperationException(
            $"ChatAnalyst:Knowledge:Embeddings is '{options.Embeddings}', but no embedding generator for it is registered. " +
            "Register an IEmbeddingGenerator<string, Embedding<float>> before AddChatAnalystKnowledge, or set Embeddings to \"MiniLM\".");
    }
}
