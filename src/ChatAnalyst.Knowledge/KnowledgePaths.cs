using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatAnalyst.Knowledge;

/// <summary>
/// Resolves the configured knowledge paths. Relative paths are taken against the host's content root
/// (the folder holding <c>appsettings.json</c>), so the app behaves the same from the repo root or from its build output.
/// </summary>
public sealed class KnowledgePaths
{
    public KnowledgePaths(IOptions<KnowledgeOptions> options, IHostEnvironment environment)
        : this(options.Value, environment.ContentRootPath)
    {
    }

    public KnowledgePaths(KnowledgeOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        ContentRoot = contentRoot;
        Sources = (options.Sources.Length > 0 ? options.Sources : [KnowledgeOptions.DefaultSource]).Select(Resolve).Distinct().ToArray();
        Indicators = Resolve(options.Indicators);
        Database = Resolve(options.Database);
        Glossary = Resolve(options.Glossary);
        UnitNames = Path.Combine(Path.GetDirectoryName(Glossary) ?? ContentRoot, "units-zh.csv");
    }

    public string ContentRoot { get; }

    /// <summary>Absolute article folders.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>Absolute indicator folder.</summary>
    public string Indicators { get; }

    /// <summary>Absolute SQLite database file.</summary>
    public string Database { get; }

    /// <summary>Absolute path of the bilingual glossary CSV.</summary>
    public string Glossary { get; }

    /// <summary>Chinese names of unit words (<c>units-zh.csv</c> beside the glossary), for answers in Chinese.</summary>
    public string UnitNames { get; }

    public string Resolve(string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(ContentRoot, path));
}
