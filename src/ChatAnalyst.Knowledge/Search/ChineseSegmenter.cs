using System.Text;
using System.Text.RegularExpressions;
using JiebaNet.Segmenter;

namespace ChatAnalyst.Knowledge.Search;

/// <summary>
/// Word segmentation for Chinese text (jieba). SQLite's unicode61 tokenizer would treat a whole run of Chinese
/// characters as one token, so both indexed text and queries are segmented into words separated by spaces.
/// The dictionary loads on first use only, so an all-English knowledge base never pays for it.
/// </summary>
public sealed partial class ChineseSegmenter
{
    private readonly Lazy<JiebaSegmenter> _segmenter;

    // jieba's segmenter keeps mutable caches; calls are serialised because its thread safety is undocumented.
    private readonly Lock _gate = new();

    public ChineseSegmenter()
        : this(Path.Combine(AppContext.BaseDirectory, "jieba"))
    {
    }

    public ChineseSegmenter(string dictionaryFolder)
    {
        _segmenter = new Lazy<JiebaSegmenter>(() =>
        {
            // jieba reads its dictionaries relative to this static setting; the csproj copies them next to the binaries.
            ConfigManager.ConfigFileBaseDir = dictionaryFolder;
            return new JiebaSegmenter();
        });
    }

    public static bool ContainsCjk(string text) => CjkRun().IsMatch(text);

    /// <summary>Words of a Chinese run, in search mode (long words plus their shorter parts), punctuation dropped.</summary>
    public IReadOnlyList<string> Segment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<string> words;
        lock (_gate)
        {
            words = _segmenter.Value.CutForSearch(text).ToList();
        }

        return words.Select(w => w.Trim()).Where(w => w.Length > 0 && w.Any(char.IsLetterOrDigit)).ToList();
    }

    /// <summary>The text with every run of Chinese characters replaced by its space-separated words.</summary>
    public string SegmentForIndex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!ContainsCjk(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length * 2);
        var last = 0;
        foreach (Match run in CjkRun().Matches(text))
        {
            builder.Append(text, last, run.Index - last).Append(' ');
            builder.AppendJoin(' ', Segment(run.Value)).Append(' ');
            last = run.Index + run.Length;
        }

        return builder.Append(text, last, text.Length - last).ToString();
    }

    [GeneratedRegex(@"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")]
    private static partial Regex CjkRun();
}
