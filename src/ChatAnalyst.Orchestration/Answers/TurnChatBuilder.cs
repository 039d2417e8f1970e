using System.Globalization;
using ChatAnalyst.Orchestration.Evidence;
using ChatAnalyst.Orchestration.Prompts;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>
/// Writes the chat a turn starts from: the system prompt rendered for today, the conversation so far (earlier answers
/// shortened), and the question.
/// </summary>
internal sealed class TurnChatBuilder(Kernel kernel, PromptLibrary prompts, TimeProvider time)
{
    private const int EarlierAnswerChars = 200;

    /// <summary>The system prompt rendered for a day: the templates are parsed once, and the date is all that varies.</summary>
    private volatile RenderedPrompt? _system;

    public async Task<ChatHistory> BuildAsync(IReadOnlyList<ChatTurn> history, string question, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var system = _system;
        if (system is null || system.Today != today)
        {
            system = new RenderedPrompt(today, await prompts.RenderAsync("system", kernel, new KernelArguments { ["today"] = today }, cancellationToken));
            _system = system;
        }

        var chat = new ChatHistory(system.Text);
        foreach (var turn in history)
        {
            if (turn.Role == ChatTurn.Assistant)
            {
                // Earlier answers only tell the model what was discussed; their full text would cost prompt tokens
                // every turn, and their [n] markers point at sources of a turn that is over.
                chat.AddAssistantMessage(Summary(turn.Text));
            }
            else
            {
                chat.AddUserMessage(turn.Text);
            }
        }

        chat.AddUserMessage(question);
        return chat;
    }

    private static string Summary(string answer)
    {
        var text = CitationMarkers.Strip(answer).Trim();
        return text.Length <= EarlierAnswerChars ? text : text[..EarlierAnswerChars].TrimEnd() + "…";
    }

    private sealed record RenderedPrompt(string Today, string Text);
}
