using System.Text;

namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// Builds FTS5 MATCH expressions from plain terms. Every term becomes a double-quoted string (inner quotes doubled),
/// so user text can never be read as FTS5 syntax: AND/OR/NOT/NEAR, column filters, '*', '^' and parentheses are all
/// just characters inside a string, which the tokenizer then reduces to words.
/// </summary>
internal static class FtsQuery
{
    public static string AnyOf(IEnumerable<string> terms) => string.Join(" OR ", Quoted(terms));

    /// <summary>The searchable terms, each quoted for a MATCH expression, without repeats.</summary>
    public static IReadOnlyList<string> Quoted(IEnumerable<string> terms) =>
        terms
            .Where(IsSearchable)
            .Select(Quote)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The terms <see cref="AnyOf"/> would quote, unquoted and without control characters, for an engine that takes
    /// each term as a parameter (PostgreSQL's <c>phraseto_tsquery</c>, which cannot read a NUL anyway).
    /// </summary>
    public static IReadOnlyList<string> PlainTerms(IEnumerable<string> terms) =>
        terms
            .Where(IsSearchable)
            .Select(t => new string(t.Where(c => !char.IsControl(c)).ToArray()))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static bool IsSearchable(string term) => !string.IsNullOrWhiteSpace(term) && term.Any(char.IsLetterOrDigit);

    public static string Quote(string term)
    {
        var builder = new StringBuilder(term.Length + 2).Append('"');
        foreach (var c in term)
        {
            // Control characters have no meaning in a query and some tokenizers choke on NUL.
            if (!char.IsControl(c))
            {
                builder.Append(c == '"' ? "\"\"" : c.ToString());
            }
        }

        return builder.Append('"').ToString();
    }
}
