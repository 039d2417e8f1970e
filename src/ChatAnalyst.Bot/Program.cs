using ChatAnalyst.Bot;
using ChatAnalyst.Bot.Hosting;
using Microsoft.Extensions.Options;

try
{
    await BotApp.Build(args).RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    // A configuration error is the operator's to fix: one line per bad setting (key, value, valid values, fix), no
    // stack trace, and exit code 78 (EX_CONFIG) so a supervisor can tell it from a crash.
    foreach (var failure in ConfigurationErrors.Lines(ex))
    {
        Console.Error.WriteLine("Configuration error: " + failure);
    }

    return 78;
}
