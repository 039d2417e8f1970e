using System.Text.RegularExpressions;
using ChatAnalyst.Orchestration.Prompts;

namespace ChatAnalyst.Orchestration.Safety;

/// <summary>
/// Tells when an answer repeats the bot's instructions (the templates in <c>prompts/</c>): any run of
/// <see cref="RunLength"/> consecutive words taken from a template counts, whatever the case and punctuation. Shorter
/// runs are ordinary phrasing ("the knowledge base does not cover it"); a longer one means the model is reciting.
/// </summary>
public sealed partial class PromptEchoGuard
{
    /// <summary>Consecutive words of a prompt that make an answer a recital of it.</summary>
    public const int RunLength = 8;

    private readonly HashSet<string> _runs = new(StringComparer.Ordinal);

    public PromptEchoGuard(PromptLibrary prompts)
        : this(prompts?.Templates ?? throw new ArgumentNullException(nameof(prompts)))
    {
    }

    /// <summary>A guard over the given prompt texts.</summary>
    public PromptEchoGuard(IEnumerable<string> promptTexts)
    {
        ArgumentNullException.ThrowIfNull(promptTexts);
        foreach (var text in promptTexts)
        {
            _runs.UnionWith(Runs(Words(text)));
        }
    }

    /// <summary>True when <paramref name="text"/> contains a run of <see cref="RunLength"/> words of a prompt.</summary>
    public bool Repeats(string text) => Runs(Words(text ?? string.Empty)).Any(_runs.Contains);

    private static string[] Words(string text) => Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();

    private static IEnumerable<string> Runs(string[] words)
    {
        for (var i = 0; i + RunLength <= words.Length; i++)
        {
            yield return string.Join(' ', words, i, RunLength);
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
