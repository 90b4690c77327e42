namespace ClcNet.Kernels.Cpu;

/// <summary>What the CPU kernels (<see cref="ClcKernels.Cpu"/>) run with on this machine.</summary>
public static class CpuKernels
{
    /// <summary>A one-line description, e.g. <c>CPU kernels (Avx512, 2 threads)</c>.</summary>
    public static string Describe() =>
        $"CPU kernels ({CpuSimd.Active}, {CpuWorkers.Count} thread{(CpuWorkers.Count == 1 ? "" : "s")})";
}
