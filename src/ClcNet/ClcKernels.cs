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
}
