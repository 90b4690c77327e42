using static TorchSharp.torch;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// The block's 1x1 grouped convolution as one batched libtorch matmul, <c>[g, M, K] x [N, g, K, H*W]</c>, for
/// training on the CPU: the same values and gradients as the convolution, and for few channels per group much
/// faster, since libtorch runs a grouped 1x1 convolution as im2col plus a GEMM per group (measured on 2 Zen 4
/// cores by <c>bench/cpu-kernels</c>, forward and backward: 18 against 7 GFLOP/s at K = 16, 72 against 26 at
/// K = 64, even at K = 128, 80 against 130 at K = 512).
/// </summary>
internal static class GroupedPointwiseMatmul
{
    /// <summary>Input channels per group up to which the matmul beats libtorch's convolution.</summary>
    public const int MaxChannelsPerGroup = 128;

    /// <summary>Whether the matmul is the faster way for <paramref name="shape"/>.</summary>
    public static bool IsFaster<TShape>(TShape shape) where TShape : struct, IClcBlockShape =>
        shape.InChannels / shape.Groups1x1 <= MaxChannelsPerGroup;

    /// <summary><c>conv2d(input, weight, groups)</c> for a [O, C/g, 1, 1] weight, recorded by autograd.</summary>
    public static Tensor Apply(Tensor input, Tensor weight, int groups)
    {
        long batch = input.shape[0], channels = input.shape[1], height = input.shape[2], width = input.shape[3];
        long outputs = weight.shape[0];
        using Tensor grouped = input.reshape(batch, groups, channels / groups, height * width);
        using Tensor weights = weight.view(groups, outputs / groups, channels / groups);
        using Tensor product = matmul(weights, grouped);
        return product.view(batch, outputs, height, width);
    }
}
