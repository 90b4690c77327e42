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

    /// <summary>What one work item of <see cref="ForEachGroupRun"/> does: groups [firstGroup, endGroup) over one tile.</summary>
    public delegate void GroupRunItem(TileItem item, int firstGroup, int endGroup);

    /// <summary>
    /// Runs <paramref name="body"/> on every work item of a grouped 3x3 convolution onto <paramref name="batch"/> maps of
    /// <paramref name="height"/> x <paramref name="width"/> (this pass's output; the input gradient's, the input): one
    /// tile of at most <see cref="TilePixels"/> of one sample and a run of groups of at least <see cref="ItemMultiplyAdds"/>.
    /// </summary>
    public static void ForEachGroupRun(int batch, int height, int width, int groups, int groupSize, GroupRunItem body)
    {
        var tiles = RowTiles.For(height, width, TilePixels);
        var runs = GroupRuns.For(groups, groupSize * groupSize * 9L * tiles.Rows * width, ItemMultiplyAdds);
        TileItem.ForEach(batch, tiles, height, runs.Count, item => body(item, runs.First(item.Part), runs.End(item.Part)));
    }

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
            Job<TShape> job = this;
            ForEachGroupRun(map.Batch, map.OutputHeight, map.OutputWidth, shape.Groups3x3, shape.InChannels / shape.Groups3x3,
                (item, firstGroup, endGroup) => job.Item<TSimd, TVector>(item, firstGroup, endGroup));
        }

        private void Item<TSimd, TVector>(TileItem item, int firstGroup, int endGroup)
            where TSimd : struct, ISimd<TVector>
            where TVector : unmanaged
        {
            int channels = shape.InChannels;
            int groupSize = channels / shape.Groups3x3;
            int width = map.OutputWidth;
            float** taps = stackalloc float*[groupSize * 9];
            float** outputs = stackalloc float*[groupSize];
            var scratch = Conv3x3TileScratch<TSimd, TVector>.ForPhases(map, shape.Stride, groupSize, item.RowsPerTile, reservedFloats: 0, taps);
            for (int group = firstGroup; group < endGroup; group++)
            {
                scratch.CopyPhases(input + ((long)item.Sample * channels + group * groupSize) * map.InputPixels, item.FirstRow, item.Rows);
                for (int j = 0; j < groupSize; j++)
                {
                    int interlaced = InterlacedChannel.Of(group * groupSize + j, shape.Groups3x3, groupSize);
                    outputs[j] = output + ((long)item.Sample * channels + interlaced) * map.OutputPixels + item.FirstRow * width;
                }
                GroupedConv3x3MicroKernel.Run<TShape, TSimd, TVector>(shape, taps, weight + group * groupSize * groupSize * 9, outputs,
                    2 * TSimd.Lanes, item.Rows * width, scratch.MaskLeft, scratch.MaskRight, wholeVectors: false);
            }
        }
    }
}
