namespace ChatAnalyst.Orchestration.Answers;

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

    /// <summary>Who said or did something, which body or company: a person or an organisation.</summary>
    Who,

    /// <summary>Why, what drove it, what it indicates: a cause, an attribution or an assessment.</summary>
    Explain,

    /// <summary>Is it, did it: a yes or no settled by a figure or a statement.</summary>
    YesNo,

    /// <summary>Anything else: the most relevant sentences.</summary>
    General,
}
