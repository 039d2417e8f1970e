using System.Text.Json.Nodes;

namespace ChatAnalyst.Tests.Build;

/// <summary>
/// The bot's runtime settings are part of its performance: they are read from the runtimeconfig.json the build writes
/// beside <c>ChatAnalyst.Bot.dll</c>, so a property dropped from the project file would go unnoticed until a bench run.
/// </summary>
public sealed class BotRuntimeConfigTests
{
    [Fact]
    public void The_bot_runs_with_workstation_GC_and_without_dynamic_PGO()
    {
        var file = Path.Combine(Path.GetDirectoryName(typeof(ChatAnalyst.Bot.BotApp).Assembly.Location)!, "ChatAnalyst.Bot.runtimeconfig.json");
        var properties = JsonNode.Parse(File.ReadAllText(file))?["runtimeOptions"]?["configProperties"];

        Assert.NotNull(properties);
        Assert.False((bool?)properties["System.GC.Server"]);
        Assert.False((bool?)properties["System.Runtime.TieredPGO"]);
    }
}
