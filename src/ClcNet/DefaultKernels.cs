using ClcNet.Kernels.Cpu;
using TorchSharp;

namespace ClcNet;

/// <summary>The kernels a network runs on when the user does not choose (<c>clcgen --kernels auto</c>).</summary>
public static class DefaultKernels
{
    /// <summary>
    /// <see cref="ClcKernels.Cpu"/> on the CPU when it has vector instructions the CPU kernels use (AVX-512, AVX2
    /// with FMA, SSE or AdvSimd): they run every block shape, faster than libtorch's separate operators.
    /// <see cref="ClcKernels.LibTorch"/> otherwise: on CUDA, and on a CPU with none of them, where the kernels would
    /// be plain scalar loops.
    /// </summary>
    public static ClcKernels For(DeviceType device) =>
        device == DeviceType.CPU && CpuSimd.IsAccelerated ? ClcKernels.Cpu : ClcKernels.LibTorch;

    /// <summary>The kernels to run on <paramref name="device"/>: <paramref name="choice"/>, or <see cref="For"/> when there is none.</summary>
    public static ClcKernels Resolve(ClcKernels? choice, DeviceType device) => choice ?? For(device);
}
