using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>
/// What a kernel family (ILGPU, CPU) runs of a <see cref="Modules.ClcBlock"/>'s forward pass, for one block shape:
/// the fused inference block, the 3x3 convolution with the interlaced store that autograd records, and how the
/// 1x1 convolution runs beside it (libtorch's convolution unless a family knows a faster libtorch operation).
/// </summary>
internal abstract class ClcBlockKernels
{
    /// <summary>The whole block, evaluation mode, one fused pass; no autograd.</summary>
    public abstract Tensor Infer(Tensor input, Conv2d conv3x3, BatchNorm2d batchNorm1, Conv2d conv1x1, BatchNorm2d batchNorm2);

    /// <summary>The 3x3 convolution with the interlaced store, recorded by autograd.</summary>
    public abstract Tensor ConvolveInterlaced(Tensor input, Tensor weight);

    /// <summary>The 1x1 grouped convolution where autograd records.</summary>
    public virtual Tensor Pointwise(Tensor input, Conv2d conv1x1) => conv1x1.forward(input);
}
