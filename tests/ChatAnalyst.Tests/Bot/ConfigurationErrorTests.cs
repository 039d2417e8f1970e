namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// A bot started with a wrong setting stops at once with one line that names the key, the bad value, the valid values
/// and the fix, a non-zero exit code and no stack trace.
/// </summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("ChatAnalyst__Ai__Provider", "Foo", "ChatAnalyst:Ai:Provider is 'Foo'; use one of: Offline, OpenAI, AzureOpenAI, OpenAICompatible.")]
    [InlineData("ChatAnalyst__Knowledge__Fusion", "best", "ChatAnalyst:Knowledge:Fusion is 'best'; use one of: Rrf, Weighted.")]
    [InlineData("ChatAnalyst__Bot__HistoryTurns", "lots", "ChatAnalyst:Bot:HistoryTurns is 'lots'; use a whole number from 0 to 50.")]
    [InlineData("ChatAnalyst__Bot__MaxRequestBytes", "1", "ChatAnalyst:Bot:MaxRequestBytes is '1'; use a whole number from 16384 to 16777216.")]
    [InlineData("ChatAnalyst__Bot__AllowAnonymous", "maybe", "ChatAnalyst:Bot:AllowAnonymous is 'maybe'; use true or false.")]
    [InlineData("ChatAnalyst__Limits__TurnDeadlineSeconds", "15", "ChatAnalyst:Limits:TurnDeadlineSeconds is '15'; use a whole number from 1 to 13.")]
    [InlineData("ChatAnalyst__Limits__UserMessagesPerWindow", "0", "ChatAnalyst:Limits:UserMessagesPerWindow is '0'; use a whole number from 1 to 100000.")]
    [InlineData("MicrosoftAppType", "Everyone", "MicrosoftAppType is 'Everyone'; use one of: MultiTenant, SingleTenant, UserAssignedMSI.")]
    public async Task A_bad_value_ends_the_start_with_one_line_naming_key_value_valid_values_and_fix(string variable, string value, string expected)
    {
        await using var bot = BotProcess.Start(new Dictionary<string, string> { [variable] = value });

        var exitCode = await bot.WaitForExitAsync(TimeSpan.FromMinutes(2));

        AssertOneLineFailure(bot, exitCode, expected);
        Assert.Contains("Fix: set", bot.Output.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_without_an_app_id_ends_with_one_line_naming_the_fix()
    {
        await using var bot = BotProcess.Start(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        var exitCode = await bot.WaitForExitAsync(TimeSpan.FromMinutes(2));

        AssertOneLineFailure(bot, exitCode, "MicrosoftAppId is empty in Production");
        Assert.Contains("ChatAnalyst:Bot:AllowAnonymous=true", bot.Output.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hosted_provider_without_its_model_and_key_ends_with_one_line_per_missing_setting()
    {
        await using var bot = BotProcess.Start(new Dictionary<string, string> { ["ChatAnalyst__Ai__Provider"] = "OpenAI", ["ChatAnalyst__Ai__Model"] = string.Empty });

        var exitCode = await bot.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exitCode is not null and not 0, $"exit code {exitCode}. {bot.Printed}");
        Assert.NotEmpty(bot.Output);
        Assert.All(bot.Output, line => Assert.StartsWith("Configuration error: ChatAnalyst:Ai:", line, StringComparison.Ordinal));
        Assert.Contains(bot.Output, line => line.Contains("ChatAnalyst:Ai:ApiKey", StringComparison.Ordinal));
    }

    private static void AssertOneLineFailure(BotProcess bot, int? exitCode, string expected)
    {
        Assert.True(exitCode is not null and not 0, $"exit code {exitCode}. {bot.Printed}");
        var line = Assert.Single(bot.Output);
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
