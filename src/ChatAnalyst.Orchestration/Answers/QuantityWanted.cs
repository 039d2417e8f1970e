namespace ChatAnalyst.Orchestration.Answers;

/// <summary>Whether a question asks for what was added over a period or for the level reached, when it says.</summary>
public enum QuantityWanted
{
    /// <summary>The question does not say.</summary>
    Any,

    /// <summary>What was added or is new over the period (an inflow).</summary>
    Addition,

    /// <summary>The level reached at the end of the period (a stock, a cumulative total).</summary>
    Level,
}
