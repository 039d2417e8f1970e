using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>How the reader matches the question's words and names against a candidate's or an article's words.</summary>
public sealed partial class ReaderFeatures
{
    /// <summary>The vocabulary word within one edit (two for 8+ letters) of a 5+ letter term, or the term itself.</summary>
    private static string Corrected(string term, HashSet<string> vocabulary)
    {
        if (term.Length < 5 || term.Any(char.IsDigit))
        {
            return term;
        }

        var limit = term.Length >= 8 ? 2 : 1;
        return vocabulary
            .Where(v => Math.Abs(v.Length - term.Length) <= limit)
            .Select(v => (Word: v, Distance: Knowledge.Text.EditDistance.Compute(term, v, limit)))
            .Where(v => v.Distance <= limit)
            .OrderBy(v => v.Distance)
            .ThenBy(v => v.Word, StringComparer.Ordinal)
            .Select(v => v.Word)
            .FirstOrDefault() ?? term;
    }

    /// <summary>Whether the text names the entity: as a word, or spelled out when it is an abbreviation.</summary>
    private bool NamesEntity(string text, string entity) => StartsWord(text, entity) || SpelledOut(text, entity);

    private static bool StartsWord(string lower, string term)
    {
        for (var i = lower.IndexOf(term, StringComparison.Ordinal); i >= 0; i = lower.IndexOf(term, i + 1, StringComparison.Ordinal))
        {
            if (i == 0 || !char.IsLetterOrDigit(lower[i - 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><see cref="Mentions(HashSet{string}, string)"/> in the union of two sets of terms, without building it.</summary>
    private static bool Mentions(HashSet<string> terms, HashSet<string> more, string term) =>
        terms.Contains(term) || more.Contains(term)
        || (term.Length >= 4 && (terms.Any(t => t.StartsWith(term, StringComparison.Ordinal)) || more.Any(t => t.StartsWith(term, StringComparison.Ordinal))))
        || (term.Contains('-', StringComparison.Ordinal) && term.Split('-', StringSplitOptions.RemoveEmptyEntries)
            .All(p => terms.Any(t => t.StartsWith(p, StringComparison.Ordinal)) || more.Any(t => t.StartsWith(p, StringComparison.Ordinal))));

    /// <summary>A question term matches a word that equals it or starts with it ("generat" → "generation").</summary>
    private static bool Mentions(HashSet<string> terms, string term) =>
        terms.Contains(term) || (term.Length >= 4 && terms.Any(t => t.StartsWith(term, StringComparison.Ordinal)))
        || (term.Contains('-', StringComparison.Ordinal) && term.Split('-', StringSplitOptions.RemoveEmptyEntries).All(p => terms.Any(t => t.StartsWith(p, StringComparison.Ordinal))));
}
