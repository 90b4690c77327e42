using System;

namespace ClcNet.Generators.Model;

/// <summary>
/// The channel layout of one CLC block, <c>Block(in, out, stride, g1, g2)</c>: what a constant shape struct
/// specializes the ILGPU kernels to. Blocks of any network with equal values share one struct, whatever
/// their spatial size (the kernels take that at run time).
/// </summary>
/// <param name="InChannels">Input channels, also the 3x3 convolution's output channels.</param>
/// <param name="OutChannels">Output channels of the 1x1 convolution.</param>
/// <param name="Stride">Stride of the 3x3 convolution.</param>
/// <param name="Groups3x3">Groups of the 3x3 convolution and of the interlace (g1).</param>
/// <param name="Groups1x1">Groups of the 1x1 convolution (g2).</param>
internal sealed record BlockShapeSpec(int InChannels, int OutChannels, int Stride, int Groups3x3, int Groups1x1)
    : IComparable<BlockShapeSpec>
{
    public static BlockShapeSpec Of(PlannedBlock block) =>
        new(block.InChannels, block.OutChannels, block.Stride, block.Groups3x3, block.Groups1x1);

    /// <summary>Orders shapes by channels (the order a network meets them in), then stride, then groups.</summary>
    public int CompareTo(BlockShapeSpec? other)
    {
        if (other is null)
        {
            return 1;
        }
        int order = InChannels.CompareTo(other.InChannels);
        order = order != 0 ? order : OutChannels.CompareTo(other.OutChannels);
        order = order != 0 ? order : Stride.CompareTo(other.Stride);
        order = order != 0 ? order : Groups3x3.CompareTo(other.Groups3x3);
        return order != 0 ? order : Groups1x1.CompareTo(other.Groups1x1);
    }
}
