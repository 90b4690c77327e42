using static TorchSharp.torch;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// Weight gradient of <see cref="InterlacedConv3x3CpuForwardKernel"/>: each work item owns a run of channel groups
/// and sums over every sample and tile (no atomics, no reduction across threads), reading the input through the
/// forward pass's windows and the output gradient from its interlaced channels.
/// Reference: <see cref="InterlacedConv3x3Reference.WeightGradient"/>.
/// </summary>
internal static unsafe class InterlacedConv3x3CpuWeightGradientKernel
{
    /// <summary>Returns dL/dweight [C, s, 3, 3] for the contiguous interlaced output gradient [N, C, H', W'].</summary>
    public static Tensor Run<TShape>(TShape shape, Tensor input, Tensor outputGradient) where TShape : struct, IClcBlockShape
    {
        CpuTensors.Require(input, "input");
        CpuTensors.Require(outputGradient, "output gradient");
        FeatureMapGeometry map = ConvolutionTensors.Geometry(shape, input);
        TensorShapes.Require(outputGradient, "output gradient", map.Batch, shape.InChannels, map.OutputHeight, map.OutputWidth);
        using Tensor inputValues = input.detach().contiguous();
        using Tensor gradientValues = outputGradient.contiguous();
        int groupSize = shape.InChannels / shape.Groups3x3;
        Tensor weightGradient = empty([shape.InChannels, groupSize, 3, 3], ScalarType.Float32);
        CpuSimd.Run(new Job<TShape>(shape, (float*)TensorMemory.Address(inputValues), (float*)TensorMemory.Address(gradientValues),
            (float*)TensorMemory.Address(weightGradient), map));
        return weightGradient;
    }

    private readonly struct Job<TShape>(TShape shape, float* input, float* outputGradient, float* weightGradient, FeatureMapGeometry map)
        : ISimdJob
        where TShape : struct, IClcBlockShape
    {
        public void Run<TSimd, TVector>()
            where TSimd : struct, ISimd<TVector>
            where TVector : unmanaged
        {
            int groupSize = shape.InChannels / shape.Groups3x3;
            var groups = GroupRuns.For(shape.Groups3x3, groupSize * groupSize * 9L * map.Batch * map.OutputPixels,
                InterlacedConv3x3CpuForwardKernel.ItemMultiplyAdds);
            Job<TShape> job = this;
            CpuWorkers.For(groups.Count, run => job.Item<TSimd, TVector>(groups.First(run), groups.End(run)));
        }

        private void Item<TSimd, TVector>(int firstGroup, int endGroup)
            where TSimd : struct, ISimd<TVector>
            where TVector : unmanaged
        {
            int channels = shape.InChannels;
            int groupSize = channels / shape.Groups3x3;
            int width = map.OutputWidth;
            var tiles = RowTiles.For(map.OutputHeight, width, InterlacedConv3x3CpuForwardKernel.TilePixels);
            float** taps = stackalloc float*[groupSize * 9];
            double* sums = stackalloc double[groupSize * groupSize * 9];
            var scratch = Conv3x3TileScratch<TSimd, TVector>.ForPhases(map, shape.Stride, groupSize, tiles.Rows, reservedFloats: 0, taps);
            for (int group = firstGroup; group < endGroup; group++)
            {
                new Span<double>(sums, groupSize * groupSize * 9).Clear();
                for (int sample = 0; sample < map.Batch; sample++)
                {
                    for (int tile = 0; tile < tiles.Count; tile++)
                    {
                        int firstRow = tiles.First(tile);
                        int rows = tiles.RowsOf(tile, map.OutputHeight);
                        scratch.CopyPhases(input + ((long)sample * channels + group * groupSize) * map.InputPixels, firstRow, rows);
                        for (int j = 0; j < groupSize; j++)
                        {
                            int interlaced = InterlacedChannel.Of(group * groupSize + j, shape.Groups3x3, groupSize);
                            float* gradient = outputGradient + ((long)sample * channels + interlaced) * map.OutputPixels + firstRow * width;
                            for (int a = 0; a < groupSize; a++)
                            {
                                Conv3x3WeightGradientMicroKernel.Accumulate<TSimd, TVector>(taps + a * 9, gradient, rows * width,
                                    scratch.MaskLeft, scratch.MaskRight, sums + (j * groupSize + a) * 9);
                            }
                        }
                    }
                }
                float* target = weightGradient + (long)group * groupSize * groupSize * 9;
                for (int i = 0; i < groupSize * groupSize * 9; i++)
                {
                    target[i] = (float)sums[i];
                }
            }
        }
    }
}
