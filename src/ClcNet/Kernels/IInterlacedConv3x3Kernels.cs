using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>
/// A kernel family's forward, input gradient and weight gradient of the block's 3x3 grouped convolution with
/// the interlaced store, which <see cref="InterlacedConv3x3"/> records as one autograd operation.
/// </summary>
internal interface IInterlacedConv3x3Kernels
{
    /// <summary><c>Interlace(conv3x3(input, weight))</c> as a new [N, C, H', W'] tensor.</summary>
    static abstract Tensor Forward<TShape>(TShape shape, Tensor input, Tensor weight) where TShape : struct, IClcBlockShape;

    /// <summary>dL/dinput [N, C, H, W] for the interlaced output gradient [N, C, H', W'] (contiguous).</summary>
    static abstract Tensor InputGradient<TShape>(TShape shape, Tensor outputGradient, Tensor weight, FeatureMapGeometry map)
        where TShape : struct, IClcBlockShape;

    /// <summary>dL/dweight [C, s, 3, 3] for the interlaced output gradient (contiguous).</summary>
    static abstract Tensor WeightGradient<TShape>(TShape shape, Tensor input, Tensor outputGradient) where TShape : struct, IClcBlockShape;
}
