using static TorchSharp.torch;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// The whole CLC block for inference on the CPU, one pass: for each tile of output rows of one sample, the 3x3
/// grouped convolution (BN1 folded) of all channels goes into a cache-resident tile already in interlaced order
/// (channel c at row <see cref="InterlacedChannel.Of"/>), then each 1x1 group multiplies its slice of the tile
/// (<see cref="PointwiseGemmMicroKernel"/>, BN2 folded, ReLU) and stores the block's output once. The interlaced
/// intermediate never reaches memory beyond the cache and no interlace pass runs.
/// Reference: <see cref="ClcBlockReference.Infer"/>.
/// </summary>
/// <remarks>
/// Tiles are work items on <see cref="CpuWorkers"/>; when a batch has too few tiles for the threads (batch 1 on
/// the small late maps) each tile's 1x1 output channels are split across items too, each recomputing the tile's
/// 3x3 part (a few percent of the block's multiply-adds).
/// </remarks>
internal static unsafe class FusedClcBlockCpuKernel
{
    // Floats of the interlaced tile, 512 KiB: every tile streams all the 1x1 weights through the cache once, so
    // larger tiles read them less often (measured on Zen 4, 1 MiB L2: 49 GFLOP/s at 64 KiB, 62 at 192 KiB, 83 at
    // 512 KiB for the 512-channel 14x14 block, whose whole map is then one tile). The tile streams sequentially.
    private const int TileBudget = 128 * 1024;

    // Items per thread below which a tile's output channels are split.
    private const int ItemsPerWorker = 2;

    /// <summary>Runs the block on <paramref name="input"/> [N, C, H, W] into <paramref name="output"/> [N, O, H', W'] (contiguous float32 CPU tensors).</summary>
    public static void Run<TShape>(TShape shape, PackedClcBlock weights, Tensor input, Tensor output)
        where TShape : struct, IClcBlockShape
    {
        FeatureMapGeometry map = ConvolutionTensors.Geometry(shape, input);
        CpuTensors.RequireOutput(output, "output", map.Batch, shape.OutChannels, map.OutputHeight, map.OutputWidth);
        CpuSimd.Run(new Job<TShape>(shape, weights, (float*)TensorMemory.Address(input), (float*)TensorMemory.Address(output), map));
    }

    private readonly struct Job<TShape>(TShape shape, PackedClcBlock weights, float* input, float* output, FeatureMapGeometry map)
        : ISimdJob
        where TShape : struct, IClcBlockShape
    {
        public void Run<TSimd, TVector>()
            where TSimd : struct, ISimd<TVector>
            where TVector : unmanaged
        {
            var tiles = RowTiles.For(map.OutputHeight, map.OutputWidth, TileBudget / shape.InChannels);
            int panels = shape.Groups1x1 * weights.PanelsPerGroup;
            int chunks = Math.Clamp(ItemsPerWorker * CpuWorkers.Count / (map.Batch * tiles.Count), 1, panels);
            Job<TShape> job = this;
            TileItem.ForEach(map.Batch, tiles, map.OutputHeight, chunks,
                item => job.Item<TSimd, TVector>(item, item.Part * panels / chunks, (item.Part + 1) * panels / chunks));
        }

        private void Item<TSimd, TVector>(TileItem item, int firstPanel, int endPanel)
            where TSimd : struct, ISimd<TVector>
            where TVector : unmanaged
        {
            int channels = shape.InChannels;
            int groupSize = channels / shape.Groups3x3;
            int width = map.OutputWidth;
            int pixels = item.Rows * width;
            // The tile is cut into panels of two vectors' worth of pixels (what the GEMM reads at a time), each panel
            // [C][2 * Lanes] with the channels in interlaced order, so that the GEMM streams it sequentially.
            int panelWidth = 2 * TSimd.Lanes;
            int panels = (item.RowsPerTile * width + panelWidth - 1) / panelWidth;
            int panelFloats = channels * panelWidth;
            float** taps = stackalloc float*[groupSize * 9];
            float** outputs = stackalloc float*[groupSize];
            var scratch = Conv3x3TileScratch<TSimd, TVector>.ForPhases(map, shape.Stride, groupSize, item.RowsPerTile, panels * panelFloats, taps);
            float* tile = scratch.Reserved;
            for (int group = 0; group < shape.Groups3x3; group++)
            {
                scratch.CopyPhases(input + ((long)item.Sample * channels + group * groupSize) * map.InputPixels, item.FirstRow, item.Rows);
                for (int j = 0; j < groupSize; j++)
                {
                    outputs[j] = tile + InterlacedChannel.Of(group * groupSize + j, shape.Groups3x3, groupSize) * panelWidth;
                }
                GroupedConv3x3MicroKernel.Run<TShape, TSimd, TVector>(shape, taps, weights.Conv3x3 + group * groupSize * groupSize * 9,
                    outputs, panelFloats, pixels, scratch.MaskLeft, scratch.MaskRight, wholeVectors: true);
            }

            int depth = channels / shape.Groups1x1;
            int outputsPerGroup = shape.OutChannels / shape.Groups1x1;
            int rowsPerPanel = PointwiseGemmMicroKernel.Rows;
            for (int panel = firstPanel; panel < endPanel; panel++)
            {
                int group = panel / weights.PanelsPerGroup;
                int firstOutput = panel % weights.PanelsPerGroup * rowsPerPanel;
                int outChannel = group * outputsPerGroup + firstOutput;
                float* a = weights.Panels + (long)panel * depth * rowsPerPanel;
                float* b = tile + group * depth * panelWidth;
                float* target = output + ((long)item.Sample * shape.OutChannels + outChannel) * map.OutputPixels + item.FirstRow * width;
                int panelRows = Math.Min(rowsPerPanel, outputsPerGroup - firstOutput);
                for (int column = 0; column < pixels; column += panelWidth, b += panelFloats)
                {
                    PointwiseGemmMicroKernel.Run<TSimd, TVector>(a, b, panelWidth, depth, weights.Bias + outChannel,
                        target + column, map.OutputPixels, panelRows, Math.Min(panelWidth, pixels - column));
                }
            }
        }
    }
}
