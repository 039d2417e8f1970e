namespace ChatAnalyst.Knowledge.Text;

/// <summary>English number words as sources and questions spell them ("the first eleven months", "one trillion").</summary>
public static class NumberWords
{
    public static IReadOnlyDictionary<string, int> Values { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["fifteen"] = 15,
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["hundred"] = 100,
    };
}
