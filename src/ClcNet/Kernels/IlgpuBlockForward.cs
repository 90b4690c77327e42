using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>The forward pass of a <see cref="Modules.ClcBlock"/> on the ILGPU kernels, for one block shape.</summary>
internal abstract class IlgpuBlockForward
{
    /// <summary>The whole block, evaluation mode, one fused launch; no autograd.</summary>
    public abstract Tensor Infer(Tensor input, Conv2d conv3x3, BatchNorm2d batchNorm1, Conv2d conv1x1, BatchNorm2d batchNorm2);

    /// <summary>The 3x3 convolution with the interlaced store, recorded by autograd.</summary>
    public abstract Tensor ConvolveInterlaced(Tensor input, Tensor weight);
}

/// <summary>
/// <see cref="IlgpuBlockForward"/> with the kernels instantiated for <typeparamref name="TShape"/>: a
/// generated constant shape struct, or <see cref="ClcBlockShape"/> for shapes known only at run time.
/// </summary>
internal sealed class IlgpuBlockForward<TShape>(TShape shape) : IlgpuBlockForward where TShape : struct, IClcBlockShape
{
    public override Tensor Infer(Tensor input, Conv2d conv3x3, BatchNorm2d batchNorm1, Conv2d conv1x1, BatchNorm2d batchNorm2)
    {
        using FoldedBatchNorm folded1 = FoldedBatchNorm.From(batchNorm1);
        using FoldedBatchNorm folded2 = FoldedBatchNorm.From(batchNorm2);
        return FusedClcBlockKernel.Run(shape, input, conv3x3.weight!, folded1, conv1x1.weight!, folded2);
    }

    public override Tensor ConvolveInterlaced(Tensor input, Tensor weight) => InterlacedConv3x3.Apply(input, weight, shape);
}
