using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// What the reader works out from a piece of text alone and meets again turn after turn (an article's sentences, its
/// title, its whole text): the text's content terms, the periods a sentence covers, the abbreviations an article
/// defines. Pure functions of their inputs, kept in bounded caches shared by all turns; a cache that fills up is
/// emptied and starts over, so memory stays bounded.
/// </summary>
internal static class ReaderCache
{
    private static readonly BoundedCache<string, TextTermSet> Terms = new(StringComparer.Ordinal);
    private static readonly BoundedCache<(string Text, DateOnly? Published, int? About), IReadOnlyList<Period>> Periods = new(EqualityComparer<(string, DateOnly?, int?)>.Default);
    private static readonly BoundedCache<string, IReadOnlyList<int>> StatedYears = new(StringComparer.Ordinal);
    private static readonly BoundedCache<string, (string Text, bool IsCredit)> Sentences = new(StringComparer.Ordinal);
    private static readonly BoundedCache<string, int?> YearsAbout = new(StringComparer.Ordinal);
    private static readonly BoundedCache<(string Text, string Key), double> Near = new(EqualityComparer<(string, string)>.Default);

    // Keyed by a whole article's text: fewer entries, so the texts it keeps stay a few megabytes at most.
    private static readonly BoundedCache<string, IReadOnlyList<(string Abbreviation, string LongForm)>> Definitions = new(StringComparer.Ordinal, 256);

    /// <summary>The text's content terms (<see cref="TextTerms.ContentTerms"/>), in order and as a set. Read-only: callers must not change them.</summary>
    public static TextTermSet TermsOf(string text)
    {
        if (Terms.TryGetValue(text, out var terms))
        {
            return terms;
        }

        var ordered = TextTerms.ContentTerms(text);
        terms = new TextTermSet(ordered, ordered.ToHashSet(StringComparer.Ordinal));
        Terms.Add(text, terms);
        return terms;
    }

    /// <summary>
    /// <see cref="PeriodReader.Read"/>, as a new list each time (callers may tell candidates apart by their lists).
    /// </summary>
    public static IReadOnlyList<Period> PeriodsOf(string sentence, DateOnly? published, int? yearAbout)
    {
        var key = (sentence, published, yearAbout);
        if (!Periods.TryGetValue(key, out var periods))
        {
            periods = PeriodReader.Read(sentence, published, yearAbout).ToArray();
            Periods.Add(key, periods);
        }

        return new List<Period>(periods);
    }

    /// <summary><see cref="PeriodReader.StatedYears"/>. Read-only: callers must not change it.</summary>
    public static IReadOnlyList<int> StatedYearsOf(string text)
    {
        if (!StatedYears.TryGetValue(text, out var years))
        {
            years = PeriodReader.StatedYears(text).ToArray();
            StatedYears.Add(text, years);
        }

        return years;
    }

    /// <summary>A sentence as <see cref="CandidateBuilder.Clean"/> leaves it, and whether that is a credit line (<see cref="CandidateBuilder.IsCredit"/>).</summary>
    public static (string Text, bool IsCredit) CleanSentence(string sentence)
    {
        if (!Sentences.TryGetValue(sentence, out var clean))
        {
            var text = CandidateBuilder.Clean(sentence);
            clean = (text, CandidateBuilder.IsCredit(text));
            Sentences.Add(sentence, clean);
        }

        return clean;
    }

    /// <summary><see cref="CandidateBuilder.YearAbout"/> of a title.</summary>
    public static int? YearAboutOf(string title)
    {
        if (!YearsAbout.TryGetValue(title, out var year))
        {
            year = CandidateBuilder.YearAbout(title);
            YearsAbout.Add(title, year);
        }

        return year;
    }

    /// <summary>
    /// <see cref="AbbreviationReader.Definitions"/> of an article's text: the reader learned them on every turn by running
    /// the pattern over each candidate article's whole text again. Read-only: callers must not change it.
    /// </summary>
    public static IReadOnlyList<(string Abbreviation, string LongForm)> DefinitionsOf(string text)
    {
        if (!Definitions.TryGetValue(text, out var definitions))
        {
            definitions = AbbreviationReader.Definitions(text).ToArray();
            Definitions.Add(text, definitions);
        }

        return definitions;
    }

    /// <summary>Whether a figure sits near a word starting with the key in the text, as <paramref name="compute"/> finds.</summary>
    public static double NumberNear(string text, string key, Func<string, string, double> compute)
    {
        if (!Near.TryGetValue((text, key), out var near))
        {
            near = compute(text, key);
            Near.Add((text, key), near);
        }

        return near;
    }

    /// <summary>Empties the caches (for tests and for timing the cold path).</summary>
    internal static void Clear()
    {
        Terms.Clear();
        Periods.Clear();
        StatedYears.Clear();
        Sentences.Clear();
        YearsAbout.Clear();
        Near.Clear();
        Definitions.Clear();
    }
}

/// <summary>
/// A dictionary behind one lock (look-ups are far cheaper than the work they save; a turn makes a few hundred), emptied
/// when it reaches its capacity.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(IEqualityComparer<TKey> comparer, int capacity = 8192)
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, TValue> _entries = new(comparer);

    public bool TryGetValue(TKey key, out TValue value)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out value!);
        }
    }

    public void Add(TKey key, TValue value)
    {
        lock (_lock)
        {
            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }

            _entries[key] = value;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }
}

/// <summary>A text's content terms in order (distinct) and as a set.</summary>
internal sealed record TextTermSet(IReadOnlyList<string> Ordered, HashSet<string> Set);
