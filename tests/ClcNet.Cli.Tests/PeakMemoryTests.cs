using System.Runtime.InteropServices;
using ClcNet.Cli.Benchmarking;

namespace ClcNet.Cli.Tests;

/// <summary>
/// The peak memory of <c>clcgen bench</c> and of the ONNX Runtime peer: native memory counts, and a reset starts a
/// new peak, so that a measurement does not inherit the one before it.
/// </summary>
public sealed class PeakMemoryTests
{
    private const long Buffer = 256L * 1024 * 1024;

    [Fact]
    public void NativeMemoryTouchedSinceTheResetIsInThePeakAndTheNextResetForgetsIt()
    {
        Assert.Equal(OperatingSystem.IsLinux(), PeakMemory.Resettable);
        PeakMemory.Reset();
        long before = PeakMemory.PeakBytes();

        TouchAndFree(Buffer);
        long withBuffer = PeakMemory.PeakBytes();

        // Other tests of this process run meanwhile and free memory too, so the rise may fall a little short of the buffer.
        Assert.InRange(withBuffer - before, Buffer - 16L * 1024 * 1024, Buffer + 64L * 1024 * 1024);
        if (PeakMemory.Resettable)
        {
            PeakMemory.Reset();
            Assert.True(PeakMemory.PeakBytes() < withBuffer - Buffer / 2, "the reset kept the freed buffer in the peak");
        }
    }

    private static void TouchAndFree(long bytes)
    {
        // Native, as libtorch's and ONNX Runtime's buffers are: memory the GC knows nothing of. Every page is written,
        // since untouched pages are not resident.
        IntPtr buffer = Marshal.AllocHGlobal((nint)bytes);
        try
        {
            for (long offset = 0; offset < bytes; offset += 4096)
            {
                Marshal.WriteByte(buffer, (int)offset, 1);
            }
        }
        finally
        {
            Marshal.FreeHGlobal(buffer);
        }
    }
}
