using System.Buffers;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// Input gradient of <see cref="InterlacedConv3x3CpuForwardKernel"/>: for each group, the output gradient read
/// from its interlaced channels, spread onto the input's grid with zeros between (stride 2 and more), convolved at
/// stride 1 with the group's weights transposed (inputs and outputs swapped) and flipped, by the same
/// <see cref="GroupedConv3x3MicroKernel"/> as the forward pass.
/// Reference: <see cref="InterlacedConv3x3Reference.InputGradient"/>.
/// </summary>
internal static unsafe class InterlacedConv3x3CpuInputGradientKernel
{
    /// <summary>Returns dL/dinput [N, C, H, W] for the contiguous interlaced output gradient [N, C, H', W'].</summary>
    public static Tensor Run<TShape>(TShape shape, Tensor outputGradient, Tensor weight, FeatureMapGeometry map)
        where TShape : struct, IClcBlockShape
    {
        CpuTensors.Require(outputGradient, "output gradient");
        CpuTensors.Require(weight, "3x3 weight");
        ConvolutionTensors.RequireWeight(shape, weight);
        TensorShapes.Require(outputGradient, "output gradient", map.Batch, shape.InChannels, map.OutputHeight, map.OutputWidth);
        using Tensor gradientValues = outputGradient.contiguous();
        using Tensor weightValues = weight.detach().contiguous();
        Tensor inputGradient = empty([map.Batch, shape.InChannels, map.InputHeight, map.InputWidth], ScalarType.Float32);

        int groupSize = shape.InChannels / shape.Groups3x3;
        float[] transposed = ArrayPool<float>.Shared.Rent(shape.InChannels * groupSize * 9);
        try
        {
            fixed (float* flipped = transposed)
            {
                TransposeAndFlip((float*)TensorMemory.Address(weightValues), flipped, shape.InChannels, groupSize);
                CpuSimd.Run(new Job<TShape>(shape, (float*)TensorMemory.Address(gradientValues), flipped,
                    (float*)TensorMemory.Address(inputGradient), map));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(transposed);
        }
        return inputGradient;
    }

    // flipped[g*s + a][j][t] = weight[g*s + j][a][8 - t]: within each group, input a's gradient gathers output j's
    // through the tap mirrored about the centre.
    private static void TransposeAndFlip(float* weight, float* flipped, int channels, int groupSize)
    {
        for (int c = 0; c < channels; c++)
        {
            int first = c / groupSize * groupSize;
            int a = c - first;
            for (int j = 0; j < groupSize; j++)
            {
                for (int tap = 0; tap < 9; tap++)
                {
                    flipped[(c * groupSize + j) * 9 + tap] = weight[((first + j) * groupSize + a) * 9 + 8 - tap];
                }
            }
        }
    }

    private readonly struct Job<TShape>(TShape shape, float* outputGradient, float* flipped, float* inputGradient, FeatureMapGeometry map)
        : ISimdJob
        where TShape : struct, IClcBlockShape
    {
        public void Run<TSimd, TVector>()
            where TSimd : struct, ISimd<TVector>
            where TVector : unmanaged
        {
            Job<TShape> job = this;
            InterlacedConv3x3CpuForwardKernel.ForEachGroupRun(map.Batch, map.InputHeight, map.InputWidth, shape.Groups3x3,
                shape.InChannels / shape.Groups3x3, (item, firstGroup, endGroup) => job.Item<TSimd, TVector>(item, firstGroup, endGroup));
        }

        private void Item<TSimd, TVector>(TileItem item, int firstGroup, int endGroup)
            where TSimd : struct, ISimd<TVector>
            where TVector : unmanaged
        {
            int channels = shape.InChannels;
            int groupSize = channels / shape.Groups3x3;
            int width = map.InputWidth;
            float** taps = stackalloc float*[groupSize * 9];
            float** outputs = stackalloc float*[groupSize];
            var scratch = Conv3x3TileScratch<TSimd, TVector>.ForUpsampled(map, shape.Stride, groupSize, item.RowsPerTile, taps);
            for (int group = firstGroup; group < endGroup; group++)
            {
                for (int j = 0; j < groupSize; j++)
                {
                    int interlaced = InterlacedChannel.Of(group * groupSize + j, shape.Groups3x3, groupSize);
                    scratch.CopyUpsampled(j, outputGradient + ((long)item.Sample * channels + interlaced) * map.OutputPixels, item.FirstRow, item.Rows);
                }
                for (int a = 0; a < groupSize; a++)
                {
                    outputs[a] = inputGradient + ((long)item.Sample * channels + group * groupSize + a) * map.InputPixels + item.FirstRow * width;
                }
                GroupedConv3x3MicroKernel.Run<TShape, TSimd, TVector>(shape, taps, flipped + group * groupSize * groupSize * 9, outputs,
                    2 * TSimd.Lanes, item.Rows * width, scratch.MaskLeft, scratch.MaskRight, wholeVectors: false);
            }
        }
    }
}
