using System.ComponentModel.DataAnnotations;
using ChatAnalyst.Bot.Rendering;

namespace ChatAnalyst.Bot;

/// <summary>Behaviour of the Bot Framework edge (<c>ChatAnalyst:Bot</c>).</summary>
public sealed class BotOptions : IValidatableObject
{
    public const string SectionName = "ChatAnalyst:Bot";

    /// <summary>How many earlier question/answer pairs are kept per conversation for follow-ups.</summary>
    [Range(0, 50, ErrorMessage = "ChatAnalyst:Bot:HistoryTurns must be between 0 and 50.")]
    public int HistoryTurns { get; set; } = 6;

    /// <summary>Longest message accepted; longer ones get a clear error instead of an answer.</summary>
    [Range(50, 20000, ErrorMessage = "ChatAnalyst:Bot:MaxMessageLength must be between 50 and 20000.")]
    public int MaxMessageLength { get; set; } = 2000;

    /// <summary>Largest request body <c>/api/messages</c> reads; a larger one gets 413 before anything parses it.</summary>
    [Range(16 * 1024, 16 * 1024 * 1024, ErrorMessage = "ChatAnalyst:Bot:MaxRequestBytes must be between 16384 and 16777216.")]
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Allows running without <c>MicrosoftAppId</c> in Production, i.e. accepting unauthenticated requests (on loopback
    /// only, as in every anonymous run). Only for a bot behind its own authentication.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>What the knowledge base covers, in a phrase for <c>help</c> (it describes the data, so it is configuration).</summary>
    public string Coverage { get; set; } = "the articles and indicator figures in my knowledge base";

    /// <summary>
    /// Example questions shown in the welcome (as buttons) and in <c>help</c>; they should be answerable from the
    /// knowledge base, and at most <see cref="AnswerRenderer.MaxButtonTitle"/> characters long so a button shows them whole.
    /// </summary>
    public string[] ExampleQuestions { get; set; } = [];

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < ExampleQuestions.Length; i++)
        {
            var question = ExampleQuestions[i]?.Trim() ?? string.Empty;
            if (question.Length is 0 or > AnswerRenderer.MaxButtonTitle)
            {
                // A longer title is cut on the button in Teams, and the Agents Playground sends the title, cut or not.
                yield return new ValidationResult(
                    $"{SectionName}:{nameof(ExampleQuestions)}:{i} is {question.Length} characters long; an example question is a button, "
                    + $"so it needs 1 to {AnswerRenderer.MaxButtonTitle}: shorten it (\"{question}\").",
                    [nameof(ExampleQuestions)]);
            }
        }
    }
}
