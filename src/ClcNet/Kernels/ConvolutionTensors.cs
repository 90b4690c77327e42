using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>The input and weight checks shared by the 3x3 convolution kernels.</summary>
internal static class ConvolutionTensors
{
    /// <summary>Checks <paramref name="input"/> is [N, C, H, W] for the block and returns the launch geometry.</summary>
    public static FeatureMapGeometry Geometry<TShape>(TShape shape, Tensor input) where TShape : struct, IClcBlockShape
    {
        TensorShapes.Require(input, "input", -1, shape.InChannels, -1, -1);
        return new FeatureMapGeometry(checked((int)input.shape[0]), checked((int)input.shape[2]), checked((int)input.shape[3]), shape.Stride);
    }

    /// <summary>Checks <paramref name="weight"/> is the block's [C, s, 3, 3] 3x3 weight.</summary>
    public static void RequireWeight<TShape>(TShape shape, Tensor weight) where TShape : struct, IClcBlockShape =>
        TensorShapes.Require(weight, "3x3 weight", shape.InChannels, shape.InChannels / shape.Groups3x3, 3, 3);
}
