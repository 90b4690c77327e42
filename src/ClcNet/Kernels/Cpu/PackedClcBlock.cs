using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// A block's weights as the fused CPU kernel reads them, packed once (and again only when a weight or a batch-norm
/// statistic changes, <see cref="TensorDerivedCache{T}"/>):
/// <list type="bullet">
/// <item><see cref="Conv3x3"/>: the 3x3 weights [C, s, 9] with BN1's scale folded into each output channel;</item>
/// <item><see cref="Panels"/>: the 1x1 weights with BN2's scale folded in, cut into panels of
/// <see cref="PointwiseGemmMicroKernel.Rows"/> output channels, k-major, zero rows past a group's end;</item>
/// <item><see cref="Bias"/>: per output channel, BN2's shift plus what BN1's shift contributes through the 1x1
/// convolution (BN1's shift is the same at every pixel, so it passes the linear 1x1 convolution as a constant).</item>
/// </list>
/// Pinned arrays, so that the kernel reads them through pointers while the GC keeps them alive.
/// </summary>
internal sealed unsafe class PackedClcBlock
{
    private readonly float[] conv3x3;
    private readonly float[] panels;
    private readonly float[] bias;

    private PackedClcBlock(float[] conv3x3, float[] panels, float[] bias, int panelsPerGroup)
    {
        this.conv3x3 = conv3x3;
        this.panels = panels;
        this.bias = bias;
        PanelsPerGroup = panelsPerGroup;
    }

    /// <summary>Folded 3x3 weights [C, s, 9].</summary>
    public float* Conv3x3 => Address(conv3x3);

    /// <summary>Panels [g2, PanelsPerGroup, K, Rows] of the folded 1x1 weights.</summary>
    public float* Panels => Address(panels);

    /// <summary>Per-output-channel bias [O].</summary>
    public float* Bias => Address(bias);

    /// <summary>Panels of <see cref="PointwiseGemmMicroKernel.Rows"/> output channels per 1x1 group.</summary>
    public int PanelsPerGroup { get; }

    /// <summary>Packs the block's weights; <paramref name="batchNorm1"/> and <paramref name="batchNorm2"/> are folded.</summary>
    public static PackedClcBlock Pack(ClcBlockShape shape, Tensor weight3x3, FoldedBatchNorm batchNorm1, Tensor weight1x1,
        FoldedBatchNorm batchNorm2)
    {
        int channels = shape.InChannels;
        int groupSize = shape.GroupSize3x3;
        int depth = channels / shape.Groups1x1;
        int outputs = shape.OutChannels / shape.Groups1x1;
        int rows = PointwiseGemmMicroKernel.Rows;
        int panelsPerGroup = (outputs + rows - 1) / rows;
        float[] w3 = Values(weight3x3);
        float[] w1 = Values(weight1x1);
        float[] scale1 = Values(batchNorm1.Scale), shift1 = Values(batchNorm1.Shift);
        float[] scale2 = Values(batchNorm2.Scale), shift2 = Values(batchNorm2.Shift);

        float[] conv3x3 = GC.AllocateArray<float>(w3.Length, pinned: true);
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < groupSize * 9; i++)
            {
                conv3x3[c * groupSize * 9 + i] = w3[c * groupSize * 9 + i] * scale1[c];
            }
        }

        float[] panels = GC.AllocateArray<float>(shape.Groups1x1 * panelsPerGroup * depth * rows, pinned: true);
        float[] bias = GC.AllocateArray<float>(shape.OutChannels, pinned: true);
        for (int o = 0; o < shape.OutChannels; o++)
        {
            int group = o / outputs;
            int row = o % outputs;
            int panel = group * panelsPerGroup + row / rows;
            double shift = 0;
            for (int k = 0; k < depth; k++)
            {
                float weight = w1[o * depth + k];
                panels[(panel * depth + k) * rows + row % rows] = weight * scale2[o];
                shift += (double)weight * shift1[InterlacedChannel.Source(group * depth + k, shape.Groups3x3, groupSize)];
            }
            bias[o] = (float)(shift2[o] + scale2[o] * shift);
        }
        return new PackedClcBlock(conv3x3, panels, bias, panelsPerGroup);
    }

    private static float[] Values(Tensor tensor) => tensor.detach().cpu().contiguous().data<float>().ToArray();

    private static float* Address(float[] pinned) => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}
