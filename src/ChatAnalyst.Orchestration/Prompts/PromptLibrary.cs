using Microsoft.SemanticKernel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChatAnalyst.Orchestration.Prompts;

/// <summary>
/// Loads the YAML prompt templates in <c>prompts/</c> (copied beside the binaries) and renders them with the kernel's
/// template engine. Prompts are data: editing a file changes the bot's instructions without a rebuild.
/// </summary>
public sealed class PromptLibrary
{
    private readonly Dictionary<string, IPromptTemplate> _templates;

    public PromptLibrary(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Prompt folder '{folder}' was not found; it is copied to the build output from prompts/.");
        }

        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        // Templates are parsed once; rendering then only substitutes the arguments.
        var factory = new KernelPromptTemplateFactory();
        var configs = Directory.EnumerateFiles(folder, "*.yaml")
            .Select(file => deserializer.Deserialize<PromptTemplateConfig>(File.ReadAllText(file)))
            .ToList();
        Templates = configs.Select(c => c.Template).ToList();
        _templates = configs.ToDictionary(
                c => c.Name ?? throw new InvalidDataException("A prompt file has no name."),
                factory.Create,
                StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The default folder: <c>prompts/</c> beside the application binaries.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "prompts");

    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <summary>The templates' text as written, before rendering (what the bot must never recite).</summary>
    public IReadOnlyList<string> Templates { get; }

    /// <summary>Renders the named template with the given arguments.</summary>
    public Task<string> RenderAsync(string name, Kernel kernel, KernelArguments arguments, CancellationToken cancellationToken = default)
    {
        if (!_templates.TryGetValue(name, out var template))
        {
            throw new KeyNotFoundException($"No prompt named '{name}' in the prompts folder.");
        }

        return template.RenderAsync(kernel, arguments, cancellationToken);
    }
}
