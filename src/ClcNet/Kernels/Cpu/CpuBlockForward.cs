using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// The CPU kernels of a <see cref="Modules.ClcBlock"/> instantiated for <typeparamref name="TShape"/> (a generated
/// constant shape, or <see cref="ClcBlockShape"/>): the JIT compiles them with the shape's channel counts, group
/// sizes and stride as constants. The packed, folded weights of the fused kernel are kept until a weight or a
/// batch-norm statistic changes.
/// </summary>
internal sealed class CpuBlockForward<TShape>(TShape shape) : ClcBlockKernels where TShape : struct, IClcBlockShape
{
    private readonly TensorDerivedCache<PackedClcBlock> packed = new();

    public override Tensor Infer(Tensor input, Conv2d conv3x3, BatchNorm2d batchNorm1, Conv2d conv1x1, BatchNorm2d batchNorm2)
    {
        CpuTensors.Require(input, "input");
        Tensor weight3x3 = conv3x3.weight!, weight1x1 = conv1x1.weight!;
        CpuTensors.Require(weight3x3, "3x3 weight");
        CpuTensors.Require(weight1x1, "1x1 weight");
        ConvolutionTensors.RequireWeight(shape, weight3x3);
        TensorShapes.Require(weight1x1, "1x1 weight", shape.OutChannels, shape.InChannels / shape.Groups1x1, 1, 1);
        FeatureMapGeometry map = ConvolutionTensors.Geometry(shape, input);

        Tensor?[] sources = [weight3x3, weight1x1, .. FoldedBatchNorm.Sources(batchNorm1), .. FoldedBatchNorm.Sources(batchNorm2)];
        PackedClcBlock weights = packed.Get(sources, [batchNorm1.eps, batchNorm2.eps], () =>
        {
            using var folded1 = FoldedBatchNorm.From(batchNorm1);
            using var folded2 = FoldedBatchNorm.From(batchNorm2);
            return PackedClcBlock.Pack(ClcBlockShape.Of(shape), weight3x3, folded1, weight1x1, folded2);
        });
        using Tensor contiguous = input.contiguous();
        Tensor output = empty([map.Batch, shape.OutChannels, map.OutputHeight, map.OutputWidth], ScalarType.Float32);
        FusedClcBlockCpuKernel.Run(shape, weights, contiguous, output);
        return output;
    }

    public override Tensor ConvolveInterlaced(Tensor input, Tensor weight) => InterlacedConv3x3.Apply<TShape, CpuConv3x3Kernels>(input, weight, shape);

    public override Tensor Pointwise(Tensor input, Conv2d conv1x1) =>
        GroupedPointwiseMatmul.IsFaster(shape) ? GroupedPointwiseMatmul.Apply(input, conv1x1.weight!, shape.Groups1x1) : conv1x1.forward(input);
}
