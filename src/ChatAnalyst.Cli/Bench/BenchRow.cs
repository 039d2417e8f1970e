namespace ChatAnalyst.Cli.Bench;

/// <summary>One line of the bench table: a measured figure, its budget when the issue sets one, and whether it held.</summary>
/// <param name="Section">The group the figure belongs to (ceiling, floor, stages, scale, LLM mode, memory).</param>
/// <param name="Figure">What was measured, with how (e.g. "over HTTP, 8 conversations").</param>
/// <param name="Value">The measurement, with its unit.</param>
/// <param name="Budget">The budget it is held to, or empty when none is set.</param>
/// <param name="Held">True when within budget, false when missed, null when there is no budget.</param>
/// <param name="Note">How to read it: synthetic vectors, by difference, what a ratio is of.</param>
internal sealed record BenchRow(string Section, string Figure, string Value, string Budget = "", bool? Held = null, string Note = "")
{
    /// <summary>The mark of the verdict column: a missed budget stands out.</summary>
    public string Mark => Held switch
    {
        true => "ok",
        false => "**MISSED**",
        null => string.Empty,
    };
}
