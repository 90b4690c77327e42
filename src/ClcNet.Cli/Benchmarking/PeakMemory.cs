using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ClcNet.Cli.Benchmarking;

/// <summary>
/// The process's peak resident memory (RSS): what the machine had to give it at the worst moment, managed and
/// native alike (libtorch and ONNX Runtime allocate natively, out of the .NET GC's sight). On Linux that is
/// <c>VmHWM</c> of <c>/proc/self/status</c>, which <see cref="Reset"/> brings down to the current RSS (writing
/// <c>5</c> to <c>/proc/self/clear_refs</c>) after handing freed memory back to the system, so that each
/// measurement sees its own peak. Elsewhere it is <see cref="Process.PeakWorkingSet64"/>, the peak since the
/// process started, which cannot be reset.
/// </summary>
internal static class PeakMemory
{
    private const string Status = "/proc/self/status";
    private const string ClearRefs = "/proc/self/clear_refs";

    /// <summary>Whether <see cref="Reset"/> starts a new peak (Linux, where clear_refs can be written), or peaks add up since start.</summary>
    public static bool Resettable { get; } = OperatingSystem.IsLinux() && File.Exists(Status) && TryRestartPeak();

    /// <summary>What <see cref="PeakBytes"/> means on this machine, for the header of a benchmark's output.</summary>
    public static string Meaning => Resettable
        ? "the process's peak RSS during each phase"
        : "the process's peak working set since it started";

    /// <summary>Frees what is free (GC, the C heap), then restarts the peak at the current RSS where <see cref="Resettable"/>.</summary>
    public static void Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (!Resettable)
        {
            return;
        }
        TrimNativeHeap();
        TryRestartPeak();
    }

    /// <summary>The peak resident memory in bytes since the last <see cref="Reset"/> (or since start, see <see cref="Resettable"/>).</summary>
    public static long PeakBytes()
    {
        if (!Resettable)
        {
            using var process = Process.GetCurrentProcess();
            return process.PeakWorkingSet64;
        }
        // "VmHWM:\t  525540 kB"
        string line = File.ReadLines(Status).First(line => line.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..^"kB".Length].Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Brings VmHWM down to the current RSS; false where the kernel (or a sandbox) does not let us.</summary>
    private static bool TryRestartPeak()
    {
        try
        {
            File.WriteAllText(ClearRefs, "5");
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// glibc keeps freed blocks for reuse, so RSS (and the next peak) would still count a previous measurement's
    /// buffers; malloc_trim returns them. Other C libraries (musl) lack it and keep their own policy.
    /// </summary>
    private static void TrimNativeHeap()
    {
        try
        {
            MallocTrim(0);
        }
        catch (Exception error) when (error is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc: nothing to trim by this name.
        }
    }

    // DllImport rather than LibraryImport: a blittable signature needs no marshalling, and no project has to allow unsafe code.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
