using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>The ILGPU kernels of <see cref="InterlacedConv3x3"/>.</summary>
internal readonly struct IlgpuConv3x3Kernels : IInterlacedConv3x3Kernels
{
    public static Tensor Forward<TShape>(TShape shape, Tensor input, Tensor weight) where TShape : struct, IClcBlockShape =>
        InterlacedConv3x3ForwardKernel.Run(shape, input, weight);

    public static Tensor InputGradient<TShape>(TShape shape, Tensor outputGradient, Tensor weight, FeatureMapGeometry map)
        where TShape : struct, IClcBlockShape =>
        InterlacedConv3x3InputGradientKernel.Run(shape, outputGradient, weight, map);

    public static Tensor WeightGradient<TShape>(TShape shape, Tensor input, Tensor outputGradient) where TShape : struct, IClcBlockShape =>
        InterlacedConv3x3WeightGradientKernel.Run(shape, input, outputGradient);
}
