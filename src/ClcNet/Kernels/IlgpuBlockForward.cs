using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>
/// The ILGPU kernels of a <see cref="Modules.ClcBlock"/> instantiated for <typeparamref name="TShape"/>: a
/// generated constant shape struct, or <see cref="ClcBlockShape"/> for shapes known only at run time. The folded
/// batch norms are kept until a statistic or parameter changes.
/// </summary>
internal sealed class IlgpuBlockForward<TShape>(TShape shape) : ClcBlockKernels where TShape : struct, IClcBlockShape
{
    private readonly TensorDerivedCache<FoldedBatchNorm> folded1 = new();
    private readonly TensorDerivedCache<FoldedBatchNorm> folded2 = new();

    public override Tensor Infer(Tensor input, Conv2d conv3x3, BatchNorm2d batchNorm1, Conv2d conv1x1, BatchNorm2d batchNorm2) =>
        FusedClcBlockKernel.Run(shape, input, conv3x3.weight!, Fold(folded1, batchNorm1), conv1x1.weight!, Fold(folded2, batchNorm2));

    public override Tensor ConvolveInterlaced(Tensor input, Tensor weight) => InterlacedConv3x3.Apply(input, weight, shape);

    private static FoldedBatchNorm Fold(TensorDerivedCache<FoldedBatchNorm> cache, BatchNorm2d batchNorm) =>
        cache.Get(FoldedBatchNorm.Sources(batchNorm), [batchNorm.eps], () => FoldedBatchNorm.From(batchNorm).Detached());
}
