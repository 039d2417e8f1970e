namespace ChatAnalyst.Bot.Bots;

/// <summary>Commands the bot understands besides questions.</summary>
public enum BotCommand
{
    None,
    Help,
    Reset,
    Sources,
}
