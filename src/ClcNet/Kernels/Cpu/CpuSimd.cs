using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// Which <see cref="SimdLevel"/> the kernels run: the widest the CPU (and the runtime's
/// <c>DOTNET_Enable*</c> settings) allows, or a lower one forced by tests so every path runs on one machine.
/// </summary>
internal static class CpuSimd
{
    private static SimdLevel? forced;

    /// <summary>The widest level this process may use.</summary>
    public static SimdLevel Best { get; } = Detect();

    /// <summary>The level the next kernel call runs.</summary>
    public static SimdLevel Active => forced ?? Best;

    /// <summary>Whether the kernels run vector code here (else they are plain scalar loops, slower than libtorch).</summary>
    public static bool IsAccelerated => Best > SimdLevel.Scalar;

    /// <summary>Runs the kernels at <paramref name="level"/> until the returned scope is disposed (tests).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The CPU or runtime does not support <paramref name="level"/>.</exception>
    public static IDisposable Force(SimdLevel level)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((int)level, (int)Best, nameof(level));
        SimdLevel? before = forced;
        forced = level;
        return new Restore(() => forced = before);
    }

    /// <summary>Runs <paramref name="job"/> compiled for the <see cref="Active"/> level.</summary>
    public static void Run<TJob>(TJob job) where TJob : struct, ISimdJob
    {
        switch (Active)
        {
            case SimdLevel.Avx512:
                job.Run<Avx512Simd, Vector512<float>>();
                break;
            case SimdLevel.Avx2:
                job.Run<Avx2Simd, Vector256<float>>();
                break;
            case SimdLevel.Vector128:
                job.Run<Vector128Simd, Vector128<float>>();
                break;
            default:
                job.Run<ScalarSimd, float>();
                break;
        }
    }

    private static SimdLevel Detect()
    {
        if (Avx512F.IsSupported && Avx512F.VL.IsSupported && Vector512.IsHardwareAccelerated)
        {
            return SimdLevel.Avx512;
        }
        if (Avx2.IsSupported && Fma.IsSupported)
        {
            return SimdLevel.Avx2;
        }
        return Vector128.IsHardwareAccelerated && (Sse2.IsSupported || AdvSimd.IsSupported) ? SimdLevel.Vector128 : SimdLevel.Scalar;
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
