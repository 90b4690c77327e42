using static TorchSharp.torch;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// Training forward of the block's 3x3 grouped convolution on the CPU with the interlace folded into the store:
/// each work item takes one sample, one tile of output rows and a run of channel groups, and writes natural
/// channel c straight to channel <see cref="InterlacedChannel.Of"/>(c) of the output.
/// Reference: <see cref="InterlacedConv3x3Reference.Forward"/>.
/// </summary>
internal static unsafe class InterlacedConv3x3CpuForwardKernel
{
    /// <summary>Output pixels per tile: the tile's input rows stay in the L1 and L2 caches.</summary>
    public const int TilePixels = 4096;

    /// <summary>Multiply-adds a work item should have at least, so that scheduling costs little beside it.</summary>
    public const int ItemMultiplyAdds = 1 << 16;

    /// <summary>Returns <c>Interlace(conv3x3(input, weight))</c> as a new [N, C, H', W'] tensor.</summary>
    public static Tensor Run<TShape>(TShape shape, Tensor input, Tensor weight) where TShape : struct, IClcBlockShape
    {
        CpuTensors.Require(input, "input");
        CpuTensors.Require(weight, "3x3 weight");
        FeatureMapGeometry map = ConvolutionTensors.Geometry(shape, input);
        ConvolutionTensors.RequireWeight(shape, weight);
        using Tensor inputValues = input.contiguous();
        using Tensor weightValues = weight.detach().contiguous();
        Tensor output = empty([map.Batch, shape.InChannels, map.OutputHeight, map.OutputWidth], ScalarType.Float32);
        CpuSimd.Run(new Job<TShape>(shape, (float*)TensorMemory.Address(inputValues), (float*)TensorMemory.Address(weightValues),
            (float*)TensorMemory.Address(output), map));
        return output;
    }

    private readonly struct Job<TShape>(TShape shape, float* input, float* weight, float* output, FeatureMapGeometry map) : ISimdJob
        where TShape : struct, IClcBlockShape
    {
        public void Run<TSimd, TVector>()
            where TSimd : struct, ISimd<TVector>
            where TVector : unmanaged
        {
            int groupSize = shape.InChannels / shape.Groups3x3;
            RowTiles tiles = RowTiles.For(map.OutputHeight, map.OutputWidth, TilePixels);
            GroupRuns groups = GroupRuns.For(shape.Groups3x3, groupSize * groupSize * 9L * tiles.Rows * map.OutputWidth, ItemMultiplyAdds);
            Job<TShape> job = this;
            int height = map.OutputHeight;
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
            int width = map.OutputWidth;
            int pixels = rows * width;
            int maskFloats = ThreadScratch.Round(rowsPerTile * width + TSimd.Lanes);
            int phases = Conv3x3Window.PhaseCount(shape.Stride);
            int planeFloats = Conv3x3Window.PlaneFloats(rowsPerTile + 2, width, TSimd.Lanes);
            int windowFloats = phases * phases * planeFloats;

            float* window = ThreadScratch.Get(groupSize * windowFloats + 2 * maskFloats);
            float* maskLeft = window + groupSize * windowFloats;
            float* maskRight = maskLeft + maskFloats;
            Conv3x3Window.ColumnMasks(maskFloats, width, Conv3x3Window.RightTapsShift(shape.Stride), maskLeft, maskRight);
            float** taps = stackalloc float*[groupSize * 9];
            float** outputs = stackalloc float*[groupSize];
            for (int a = 0; a < groupSize; a++)
            {
                Conv3x3Window.PhaseTaps(window + a * windowFloats, shape.Stride, width, planeFloats, taps + a * 9);
            }
            for (int group = firstGroup; group < endGroup; group++)
            {
                for (int a = 0; a < groupSize; a++)
                {
                    float* plane = input + ((long)sample * channels + group * groupSize + a) * map.InputPixels;
                    Conv3x3Window.CopyPhases<TSimd, TVector>(plane, map.InputHeight, map.InputWidth, shape.Stride, firstRow - 1, rows + 2, width,
                        planeFloats, window + a * windowFloats);
                }
                for (int j = 0; j < groupSize; j++)
                {
                    int interlaced = InterlacedChannel.Of(group * groupSize + j, shape.Groups3x3, groupSize);
                    outputs[j] = output + ((long)sample * channels + interlaced) * map.OutputPixels + firstRow * width;
                }
                GroupedConv3x3MicroKernel.Run<TShape, TSimd, TVector>(shape, taps, weight + group * groupSize * groupSize * 9, outputs,
                    2 * TSimd.Lanes, pixels, maskLeft, maskRight, wholeVectors: false);
            }
        }
    }
}
