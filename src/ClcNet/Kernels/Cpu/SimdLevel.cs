namespace ClcNet.Kernels.Cpu;

/// <summary>The instruction sets the CPU kernels are compiled for, from the widest down.</summary>
internal enum SimdLevel
{
    /// <summary>One float at a time: runs anywhere.</summary>
    Scalar,

    /// <summary>4 floats per vector: SSE on x64 (with FMA when present), AdvSimd on Arm.</summary>
    Vector128,

    /// <summary>8 floats per vector with fused multiply-add: AVX2 and FMA3.</summary>
    Avx2,

    /// <summary>16 floats per vector with masked loads and stores: AVX-512 F and VL.</summary>
    Avx512,
}
