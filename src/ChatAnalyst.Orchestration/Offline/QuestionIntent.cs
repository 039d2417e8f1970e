namespace ChatAnalyst.Orchestration.Offline;

/// <summary>What kind of answer a question wants; it decides which evidence the offline model picks.</summary>
public enum QuestionIntent
{
    /// <summary>How much, how fast, how big: one figure with unit and period.</summary>
    Figure,

    /// <summary>Which ones, what areas: a list.</summary>
    List,

    /// <summary>Which is larger or grew faster: both figures and the direction.</summary>
    Comparison,

    /// <summary>When, which period, compared with what.</summary>
    When,

    /// <summary>Chart, plot or graph a series: a rendered chart plus its figures.</summary>
    Chart,

    /// <summary>Anything else: the most relevant sentences.</summary>
    General,
}
