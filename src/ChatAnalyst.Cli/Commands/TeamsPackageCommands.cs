using System.CommandLine;
using ChatAnalyst.Cli.Teams;

namespace ChatAnalyst.Cli.Commands;

/// <summary><c>teams-package</c>: the zip to upload to Teams.</summary>
public static class TeamsPackageCommands
{
    public static Command TeamsPackage()
    {
        var appId = new Option<string>("--app-id") { Description = "The Azure Bot's Microsoft App ID (a GUID): the bot id, and the Teams app id.", Required = true };
        var output = new Option<string>("--out") { Description = "Zip file to write (default: ChatAnalyst.zip in the current directory).", DefaultValueFactory = _ => "ChatAnalyst.zip" };
        var developerUrl = new Option<string>("--developer-url") { Description = "Your https web site; /privacy and /terms below it are the privacy and terms links Teams shows.", DefaultValueFactory = _ => "https://example.com" };
        var command = new Command("teams-package", "Write the Teams app package (manifest.json, color.png, outline.png) to upload in Teams.") { appId, output, developerUrl };
        command.SetAction(parse =>
        {
            if (TeamsAppPackage.Problem(parse.GetValue(appId), parse.GetValue(developerUrl)) is { } problem)
            {
                CliConsole.Failure(problem);
                return 2;
            }

            var path = Path.GetFullPath(parse.GetValue(output)!);
            TeamsAppPackage.Write(path, parse.GetValue(appId)!, parse.GetValue(developerUrl)!);

            Console.Out.WriteLine($"Wrote {path}: {string.Join(", ", TeamsAppPackage.Files)}. In Teams: Apps > Manage your apps > Upload an app.");
            return 0;
        });
        return command;
    }
}
