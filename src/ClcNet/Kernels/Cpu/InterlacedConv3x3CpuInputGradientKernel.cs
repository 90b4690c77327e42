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
            int groupSize = shape.InChannels / shape.Groups3x3;
            RowTiles tiles = RowTiles.For(map.InputHeight, map.InputWidth, InterlacedConv3x3CpuForwardKernel.TilePixels);
            GroupRuns groups = GroupRuns.For(shape.Groups3x3, groupSize * groupSize * 9L * tiles.Rows * map.InputWidth,
                InterlacedConv3x3CpuForwardKernel.ItemMultiplyAdds);
            Job<TShape> job = this;
            int height = map.InputHeight;
            CpuWorkers.For(map.Batch * tiles.Count * groups.Count, item =>
            {
                int run = item % groups.Count;
                int tile = item / groups.Count % tiles.Count;
                int sample = item / groups.Count / tiles.Count;
                job.Item<TSimd, TVector>(sample, tiles.First(tile), tiles.RowsOf(tile, height), tiles.Rows, groups.First(run), groups.End(run));
            });
        }

        private void Item<TSimd, TVector>(int sample, int firstRow, int rows, int rowsPerTile, int firstGroup, int endGroup)
            where TSimd : struct, ISimd<TVector>
            where TVector : unmanaged
        {
            int channels = shape.InChannels;
            int groupSize = channels / shape.Groups3x3;
            int width = map.InputWidth;
            int maskFloats = ThreadScratch.Round(rowsPerTile * width + TSimd.Lanes);
            int planeFloats = Conv3x3Window.PlaneFloats(rowsPerTile + 2, width, TSimd.Lanes);

            float* window = ThreadScratch.Get(groupSize * planeFloats + 2 * maskFloats);
            float* maskLeft = window + groupSize * planeFloats;
            float* maskRight = maskLeft + maskFloats;
            Conv3x3Window.ColumnMasks(maskFloats, width, rightTapsShift: true, maskLeft, maskRight);
            float** taps = stackalloc float*[groupSize * 9];
            float** outputs = stackalloc float*[groupSize];
            for (int j = 0; j < groupSize; j++)
            {
                Conv3x3Window.StrideOneTaps(window + j * planeFloats, width, taps + j * 9);
            }
            for (int group = firstGroup; group < endGroup; group++)
            {
                for (int j = 0; j < groupSize; j++)
                {
                    int interlaced = InterlacedChannel.Of(group * groupSize + j, shape.Groups3x3, groupSize);
                    float* plane = outputGradient + ((long)sample * channels + interlaced) * map.OutputPixels;
                    Conv3x3Window.CopyUpsampled<TSimd, TVector>(plane, map.OutputHeight, map.OutputWidth, shape.Stride, firstRow - 1, rows + 2, width,
                        planeFloats, window + j * planeFloats);
                }
                for (int a = 0; a < groupSize; a++)
                {
                    outputs[a] = inputGradient + ((long)sample * channels + group * groupSize + a) * map.InputPixels + firstRow * width;
                }
                GroupedConv3x3MicroKernel.Run<TShape, TSimd, TVector>(shape, taps, flipped + group * groupSize * groupSize * 9, outputs,
                    2 * TSimd.Lanes, rows * width, maskLeft, maskRight, wholeVectors: false);
            }
        }
    }
}
