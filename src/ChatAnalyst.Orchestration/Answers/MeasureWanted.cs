namespace ChatAnalyst.Orchestration.Answers;

/// <summary>The kind of figure a question asks for, when it says.</summary>
public enum MeasureWanted
{
    /// <summary>The question does not say.</summary>
    Any,

    /// <summary>A rate: growth, change, share, a percentage.</summary>
    Rate,

    /// <summary>An amount: how many, how much, a total or a value.</summary>
    Amount,
}
