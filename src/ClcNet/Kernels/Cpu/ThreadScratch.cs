using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// A per-thread scratch buffer (pinned, 64-byte aligned, grown on demand and kept), so that kernels allocate
/// nothing on their hot path: each work item carves its tiles out of its thread's buffer.
/// </summary>
internal static unsafe class ThreadScratch
{
    /// <summary>Floats per cache line: regions are rounded to it so that every region starts aligned.</summary>
    public const int Alignment = 16;

    [ThreadStatic]
    private static float[]? buffer;

    /// <summary>
    /// At least <paramref name="floats"/> floats of this thread's buffer, 64-byte aligned; valid until the next call
    /// on the same thread. The contents are whatever the last user left.
    /// </summary>
    public static float* Get(int floats)
    {
        float[]? current = buffer;
        if (current is null || current.Length < floats + Alignment)
        {
            current = GC.AllocateUninitializedArray<float>(Math.Max(floats + Alignment, (current?.Length ?? 0) * 2), pinned: true);
            buffer = current;
        }
        var start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(current));
        return (float*)((start + 63) & ~(nint)63);
    }

    /// <summary><paramref name="floats"/> rounded up to a whole number of cache lines.</summary>
    public static int Round(int floats) => (floats + Alignment - 1) / Alignment * Alignment;
}
