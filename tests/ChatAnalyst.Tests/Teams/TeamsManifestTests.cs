using System.Text.Json;
using System.Text.Json.Nodes;
using ChatAnalyst.Bot.Bots;
using ChatAnalyst.Cli.Teams;
using Json.Schema;

namespace ChatAnalyst.Tests.Teams;

/// <summary>
/// The Teams app manifest, validated offline against Microsoft's schema of the version it declares (copied into
/// <c>Schemas/</c>, see its README), and checked against what the bot actually does.
/// </summary>
public sealed class TeamsManifestTests : IDisposable
{
    private const string AppId = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "chatanalyst-teams-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_packaged_manifest_is_valid_against_the_official_schema_of_its_version()
    {
        var manifest = PackagedManifest();

        var results = Validate(manifest);

        Assert.True(results.IsValid, "manifest.json breaks the schema:\n" + string.Join('\n', Errors(results)));
    }

    [Fact]
    public void The_schema_check_catches_a_broken_manifest()
    {
        // Proves the validator is really applying the schema: an app id that is not a GUID and a name over 30 characters.
        var manifest = PackagedManifest();
        manifest["id"] = "not-a-guid";
        manifest["name"]!["short"] = new string('x', 31);

        var errors = Errors(Validate(manifest)).ToList();

        Assert.Contains(errors, e => e.StartsWith("/id", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/name/short", StringComparison.Ordinal));
    }

    [Fact]
    public void The_bot_is_in_every_scope_and_its_commands_are_the_ones_the_bot_understands()
    {
        var bot = PackagedManifest()["bots"]![0]!;

        Assert.Equal(AppId, (string?)bot["botId"]);
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string)s!));
        var lists = bot["commandLists"]!.AsArray();
        Assert.Equal(["groupChat", "personal", "team"], lists.SelectMany(l => l!["scopes"]!.AsArray().Select(s => (string)s!)).Order());
        foreach (var list in lists)
        {
            var titles = list!["commands"]!.AsArray().Select(c => (string)c!["title"]!).ToList();
            Assert.Contains("help", titles);
            Assert.Contains("sources", titles);
            Assert.Contains("reset", titles);
            Assert.All(titles.Take(3), t => Assert.NotEqual(BotCommand.None, MessageText.Command(t)));
        }
    }

    private JsonObject PackagedManifest()
    {
        var zip = Path.Combine(_folder, "ChatAnalyst.zip");
        TeamsAppPackage.Write(zip, AppId, "https://example.com");
        return TeamsPackageFiles.Read(zip).Manifest;
    }

    private static EvaluationResults Validate(JsonObject manifest)
    {
        var version = (string)manifest["manifestVersion"]!;
        var schemaFile = Path.Combine(AppContext.BaseDirectory, "Teams", "Schemas", $"MicrosoftTeams.schema.v{version}.json");
        Assert.True(File.Exists(schemaFile), $"No copy of the schema for manifest version {version}: see Teams/Schemas/README.md.");

        // The Teams schemas declare draft-04, which JsonSchema.Net does not ship; the keywords they use mean the same in
        // draft-06 (no boolean exclusiveMinimum/Maximum, no schema-level "id"), so draft-04 is read as draft-06.
        var registry = new DialectRegistry();
        registry.Register(Dialect.Draft06.With([], new Uri("http://json-schema.org/draft-04/schema#")));
        var schema = JsonSchema.FromText(File.ReadAllText(schemaFile), new BuildOptions { DialectRegistry = registry });
        using var document = JsonDocument.Parse(manifest.ToJsonString());
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    private static IEnumerable<string> Errors(EvaluationResults results) =>
        (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
}
