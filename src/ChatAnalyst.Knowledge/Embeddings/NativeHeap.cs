using System.Runtime.InteropServices;

namespace ChatAnalyst.Knowledge.Embeddings;

/// <summary>
/// Hands the pages the C library's allocator holds free back to the system (glibc's <c>malloc_trim</c>). glibc keeps
/// freed memory in its per-thread arenas for reuse; after ONNX Runtime has loaded the model, that is tens of
/// megabytes no later run needs, still counted in the process's resident memory. Elsewhere (another C library,
/// another system) this does nothing.
/// </summary>
internal static class NativeHeap
{
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no malloc_trim): nothing to hand back this way.
        }
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the project, for one blittable call.
    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
