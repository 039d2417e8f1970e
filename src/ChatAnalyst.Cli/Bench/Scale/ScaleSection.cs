using System.Diagnostics;
using System.Globalization;
using ChatAnalyst.Cli.Bench.Http;
using ChatAnalyst.Knowledge.Embeddings;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Cli.Bench.Scale;

/// <summary>
/// The sample knowledge base plus a generated corpus of each size: built (the real model up to
/// <see cref="BenchOptions.RealModelMaxChunks"/>, synthetic vectors above), searched and read in process, then served
/// by the real bot in a process of its own for its cold start and its memory.
/// </summary>
internal sealed class ScaleSection(string contentRoot, string sampleDatabase, BenchOptions options, Action<string> step)
{
    private const int SectionsPerDocument = 5;

    /// <summary>From this size on the corpus outweighs the noise in RSS (tens of MB from GC heap sizing alone).</summary>
    private const int SteadyStateChunks = 10_000;
    private const double BytesPerVector = MiniLmEmbeddingGenerator.Dimensions * sizeof(float);

    /// <summary>A sentence vector in the dense snapshot: a byte per dimension and a float32 scale.</summary>
    private const double BytesPerInt8Vector = MiniLmEmbeddingGenerator.Dimensions + sizeof(float);

    private readonly CorpusGenerator _corpus = new();

    public async Task RunAsync(BenchTable table, double sampleResidentMb, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var size in options.Sizes.Distinct().Order())
        {
            var database = Path.Combine(options.WorkFolder, string.Create(CultureInfo.InvariantCulture, $"scale-{size}.db"));
            step(string.Create(CultureInfo.InvariantCulture, $"  {size:N0} chunks"));
            try
            {
                await RunSizeAsync(table, size, database, sampleResidentMb, cancellationToken);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { database, database + "-wal", database + "-shm" }.Where(File.Exists))
                {
                    File.Delete(file);
                }
            }
        }
    }

    private async Task RunSizeAsync(BenchTable table, int size, string database, double sampleResidentMb, CancellationToken cancellationToken)
    {
        var real = size <= options.RealModelMaxChunks;
        var section = string.Create(CultureInfo.InvariantCulture, $"scale {size:N0}") + (real ? string.Empty : " *");
        var vectors = real ? "MiniLM vectors" : "* synthetic unit vectors (384-d)";
        var documents = Math.Max(1, size / SectionsPerDocument);
        var questions = Enumerable.Range(0, 50).Select(i => _corpus.Article(i * documents / 50, SectionsPerDocument).Question).ToList();
        Copy(sampleDatabase, database);

        double sentencesPerChunk;
        using (var host = BenchHost.Create(database, options))
        {
            if (real)
            {
                var ingested = await IngestionProbe.RunAsync(host, _corpus, documents, SectionsPerDocument, Path.Combine(options.WorkFolder, "corpus-" + size), cancellationToken);
                sentencesPerChunk = (double)ingested.Sentences / ingested.Chunks;
                AddIngestion(table, section, ingested);
                var quantised = await QuantisationProbe.RunAsync(host, questions, cancellationToken);
                table.Add(section, "int8 vectors: dense top-10 overlap with float32", $"{BenchTable.Format(quantised.MeanOverlap * 100)} %", $"mean over the generated questions, worst {BenchTable.Format(quantised.WorstOverlap * 100)} %; chunk vectors (sentences are scored from float32); MiniLM vectors");
            }
            else
            {
                var started = Stopwatch.GetTimestamp();
                var sentences = await SyntheticIndexWriter.WriteAsync(host.Get<IKnowledgeIndex>(), _corpus, documents, SectionsPerDocument, Path.Combine(options.WorkFolder, "synthetic"), cancellationToken);
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                sentencesPerChunk = (double)sentences / (documents * SectionsPerDocument);
                table.Add(section, "index build, vectors given (store + keyword index)", BenchTable.Format(documents * SectionsPerDocument / seconds) + " chunks/s", vectors);
            }

            await CliHost.EnsureKnowledgeAsync(host.Host, cancellationToken);
            var times = await RetrievalProbe.RunAsync(host, questions, options, cancellationToken);
            table.Add(section, "retrieval: search_articles (hybrid, with query embedding)", times.Retrieval.Summary(), "p50 / p95; " + vectors);
            table.Add(section, "  of which query embedding / FTS5 keyword query", $"{BenchTable.Format(times.Embedding.P50)} / {BenchTable.Format(times.Keyword.P50)} ms", "p50 each; the rest is dense scan, fusion and passages");
            table.Add(section, "reader on the passages found", times.Reader.Summary(), "p50 / p95; first sight of their sentences (reader caches emptied each turn)");
            table.AddAtMost(section, "retrieval + reader, p95", times.Both.P95, 25, " ms", "the issue sets this budget at 100k chunks");
        }

        var disk = new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        table.Add(section, "index size on disk", $"{BenchTable.Format(disk / 1048576.0)} MB", $"{BenchTable.Format(disk / 1024.0 / size)} KB per chunk, sample knowledge base included");
        table.Add(section, "sentence vectors", $"{BenchTable.Format(sentencesPerChunk)} per chunk", $"{BenchTable.Format(BytesPerVector / 1024)} KB each as float32 on disk: {BenchTable.Format(sentencesPerChunk * BytesPerVector / 1024)} KB per chunk; none in memory (read for the passages a search returns; as int8 + scale they would take {BenchTable.Format(sentencesPerChunk * BytesPerInt8Vector / 1024)} KB per chunk)");

        await using var bot = ChildServer.StartBot(contentRoot, database, options.Settings);
        var ready = await bot.WaitReadyAsync(TimeSpan.FromMinutes(10), cancellationToken);
        using var client = new ExpectRepliesClient(bot.BaseAddress);
        var turns = await client.RunAsync(questions, 1, Math.Min(options.Samples, 100), Math.Min(options.Warmup, 20), cancellationToken);
        var resident = bot.ResidentBytes() / 1048576.0;
        table.Add(section, "time to ready, cold start (bot process)", $"{BenchTable.Format(ready.TotalSeconds)} s", "process start → /readyz 200, index built");
        table.Add(section, "offline turn over HTTP, 1 conversation", turns.Summary(), "p50 / p95; generated questions");
        if (size >= 100_000)
        {
            table.AddAtMost(section, "bot RSS after warm-up", resident, 1024, " MB", vectors);
        }
        else
        {
            table.Add(section, "bot RSS after warm-up", $"{BenchTable.Format(resident)} MB", vectors);
        }

        var perChunk = (resident - sampleResidentMb) * 1024 / size;
        if (size >= SteadyStateChunks)
        {
            table.AddAtMost(section, "memory per chunk (RSS − sample's RSS) / chunks", perChunk, 4, " KB", "steady state");
        }
        else
        {
            table.Add(section, "memory per chunk (RSS − sample's RSS) / chunks", $"{BenchTable.Format(perChunk)} KB", "below 10k chunks RSS noise outweighs the corpus; no verdict");
        }
    }

    private static void AddIngestion(BenchTable table, string section, IngestionFigures figures)
    {
        var seconds = figures.Ingestion.TotalSeconds;
        table.Add(section, "ingestion with MiniLM", $"{BenchTable.Format(figures.Chunks / seconds)} chunks/s, {BenchTable.Format(figures.Sentences / seconds)} sentences/s", $"{figures.Chunks} chunks, {figures.Sentences} sentences in {BenchTable.Format(seconds)} s; model {BenchTable.Format(figures.ModelInIngestion.TotalSeconds)} s of it");
        table.Add(section, "MiniLM embedding the same text once", $"{BenchTable.Format(figures.EmbedOnce.TotalSeconds)} s", $"every sentence once, the generator's batching; CPU {BenchTable.Format(figures.EmbedOnceCpu.TotalSeconds)} s");
        table.AddAtMost(section, "ingestion time / embed-once time (CPU time)", figures.IngestionCpu / figures.EmbedOnceCpu, 1.5, "×", $"CPU time compares fairly on a busy machine; wall time {BenchTable.Format(seconds / figures.EmbedOnce.TotalSeconds)}×");
    }

    /// <summary>Copies a SQLite database with the backup API (consistent even with a WAL beside it).</summary>
    private static void Copy(string from, string to)
    {
        using var source = new SqliteConnection($"Data Source={from};Mode=ReadOnly;Pooling=False");
        using var target = new SqliteConnection($"Data Source={to};Pooling=False");
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }
}
