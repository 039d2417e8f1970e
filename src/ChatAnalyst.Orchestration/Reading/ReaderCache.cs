using System.Collections.Concurrent;
using ChatAnalyst.Knowledge.Indicators;
using ChatAnalyst.Knowledge.Text;

namespace ChatAnalyst.Orchestration.Reading;

/// <summary>
/// What the reader works out from a piece of text alone and meets again turn after turn (an article's sentences, its
/// title): the text's content terms and the periods a sentence covers. Pure functions of their inputs, kept in bounded
/// caches shared by all turns; a cache that fills up is emptied and starts over, so memory stays bounded.
/// </summary>
internal static class ReaderCache
{
    private const int Capacity = 8192;

    private static readonly ConcurrentDictionary<string, TextTermSet> Terms = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string Text, DateOnly? Published, int? About), IReadOnlyList<Period>> Periods = new();
    private static readonly ConcurrentDictionary<string, IReadOnlyList<int>> StatedYears = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, (string Text, bool IsCredit)> Sentences = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int?> YearsAbout = new(StringComparer.Ordinal);

    /// <summary>The text's content terms (<see cref="TextTerms.ContentTerms"/>), in order and as a set. Read-only: callers must not change them.</summary>
    public static TextTermSet TermsOf(string text)
    {
        if (Terms.TryGetValue(text, out var terms))
        {
            return terms;
        }

        var ordered = TextTerms.ContentTerms(text);
        terms = new TextTermSet(ordered, ordered.ToHashSet(StringComparer.Ordinal));
        Add(Terms, text, terms);
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
            Add(Periods, key, periods);
        }

        return new List<Period>(periods);
    }

    /// <summary><see cref="PeriodReader.StatedYears"/>. Read-only: callers must not change it.</summary>
    public static IReadOnlyList<int> StatedYearsOf(string text)
    {
        if (!StatedYears.TryGetValue(text, out var years))
        {
            years = PeriodReader.StatedYears(text).ToArray();
            Add(StatedYears, text, years);
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
            Add(Sentences, sentence, clean);
        }

        return clean;
    }

    /// <summary><see cref="CandidateBuilder.YearAbout"/> of a title.</summary>
    public static int? YearAboutOf(string title)
    {
        if (!YearsAbout.TryGetValue(title, out var year))
        {
            year = CandidateBuilder.YearAbout(title);
            Add(YearsAbout, title, year);
        }

        return year;
    }

    private static void Add<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, TKey key, TValue value)
        where TKey : notnull
    {
        if (cache.Count >= Capacity)
        {
            cache.Clear();
        }

        cache[key] = value;
    }
}

/// <summary>A text's content terms in order (distinct) and as a set.</summary>
internal sealed record TextTermSet(IReadOnlyList<string> Ordered, HashSet<string> Set);
