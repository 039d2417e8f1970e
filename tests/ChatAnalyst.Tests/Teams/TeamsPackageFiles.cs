using System.IO.Compression;
using System.Text.Json.Nodes;

namespace ChatAnalyst.Tests.Teams;

/// <summary>What a Teams app package zip holds: its entry names, the manifest, and the icons' bytes.</summary>
internal sealed record TeamsPackageFiles(IReadOnlyList<string> Entries, JsonObject Manifest, string ManifestText, byte[] Color, byte[] Outline)
{
    public static TeamsPackageFiles Read(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var text = new StreamReader(zip.GetEntry("manifest.json")!.Open()).ReadToEnd();
        return new TeamsPackageFiles(zip.Entries.Select(e => e.FullName).ToList(), JsonNode.Parse(text)!.AsObject(), text, Bytes(zip, "color.png"), Bytes(zip, "outline.png"));
    }

    private static byte[] Bytes(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
