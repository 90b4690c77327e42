namespace ClcNet;

/// <summary>Which implementation runs the CLC blocks of a network.</summary>
public enum ClcKernels
{
    /// <summary>libtorch's separate operators (convolution, batch norm, interlace as a view, ...). The default.</summary>
    LibTorch,

    /// <summary>
    /// The ILGPU kernels of <c>ClcNet.Kernels</c>: in evaluation mode without autograd, one fused launch per
    /// block; otherwise the 3x3 grouped convolution with the interlaced store (and its gradients) on ILGPU,
    /// batch norm and the 1x1 convolution on libtorch. Runs on CUDA when ILGPU finds a CUDA device, else on
    /// ILGPU's CPU accelerator (a slow simulator, meant for testing).
    /// </summary>
    Ilgpu,

    /// <summary>
    /// The hand-vectorised CPU kernels of <c>ClcNet.Kernels.Cpu</c> (AVX-512, AVX2/FMA, 128-bit vectors or scalar
    /// code, whichever the CPU has), on CPU tensors: in evaluation mode without autograd, one fused pass per block
    /// with the weights packed and batch norm folded once; otherwise the 3x3 grouped convolution with the interlaced
    /// store (and its gradients) on the CPU kernels, batch norm and the 1x1 convolution on libtorch.
    /// </summary>
    Cpu,
}
