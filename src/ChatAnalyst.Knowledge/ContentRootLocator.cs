namespace ChatAnalyst.Knowledge;

/// <summary>
/// Finds the folder that holds the root <c>appsettings.json</c>: the current directory or one of its parents
/// (running from the repo or a project folder), else the application's own folder (running from build output,
/// where appsettings.json, knowledge/ and prompts/ are copied).
/// </summary>
public static class ContentRootLocator
{
    public const string SettingsFile = "appsettings.json";

    public static string Locate() => Locate(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);

    public static string Locate(string currentDirectory, string baseDirectory)
    {
        for (var dir = new DirectoryInfo(currentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SettingsFile)) && Directory.Exists(Path.Combine(dir.FullName, "knowledge")))
            {
                return dir.FullName;
            }
        }

        return baseDirectory;
    }
}
