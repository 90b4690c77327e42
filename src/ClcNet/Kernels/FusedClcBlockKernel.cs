using ILGPU;
using ILGPU.Runtime;
using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>
/// The whole CLC block for inference in one launch: 3x3 grouped convolution with BN folded in, the
/// interlace folded into the index of the intermediate store, 1x1 grouped convolution with BN folded in,
/// ReLU. The intermediate never exists in natural channel order, nor in global memory at all: each thread
/// group computes, for one sample, one 1x1 group and a tile of <see cref="TilePixels"/> output pixels,
/// the 3x3 results that the 1x1 group reads (in interlaced order, in shared memory), then the 1x1 outputs.
/// </summary>
/// <remarks>
/// With the interlace, 1x1 group q reads interlaced channels <c>[q*C/g2, (q+1)*C/g2)</c>; interlaced channel
/// p holds 3x3 output channel <see cref="InterlacedChannel.Source"/>(p). Every 3x3 value is computed exactly
/// once per launch. Reference: <see cref="ClcBlockReference.Infer"/>.
/// </remarks>
public static class FusedClcBlockKernel
{
    /// <summary>Output pixels per thread group; threads are laid out as (lane, pixel), pixel fastest.</summary>
    internal const int TilePixels = 16;

    // 8 lanes x 16 pixels = 128 threads on a GPU; the CPU accelerator allows 16 threads per group (1 lane).
    private const int MaxLanes = 8;

    // Leaves the default 48 KiB of CUDA shared memory per group as the budget for the intermediate tile.
    private const int SharedMemoryBudgetBytes = 48 * 1024;

    /// <summary>
    /// Why the fused kernel cannot run <paramref name="shape"/> on the current accelerator, or null when it
    /// can: the tile of 3x3 results a 1x1 group reads must fit in shared memory.
    /// </summary>
    public static string? Unsupported(ClcBlockShape shape)
    {
        long bytes = (long)TileFloats(shape) * sizeof(float);
        long budget = Math.Min(SharedMemoryBudgetBytes, ClcAccelerator.Current.MaxSharedMemoryPerGroup);
        return bytes <= budget
            ? null
            : $"the fused ILGPU block kernel needs {bytes} bytes of shared memory for {shape} ({shape.InChannels / shape.Groups1x1} channels per 1x1 group), more than the {budget} available; use more 1x1 groups or ClcKernels.LibTorch.";
    }

    /// <summary>Runs the block on <paramref name="input"/> [N, C, H, W] into a new [N, O, H', W'] tensor.</summary>
    internal static Tensor Run<TShape>(TShape shape, Tensor input, Tensor weight3x3, FoldedBatchNorm batchNorm1,
        Tensor weight1x1, FoldedBatchNorm batchNorm2)
        where TShape : struct, IClcBlockShape
    {
        FeatureMapGeometry map = ConvolutionTensors.Geometry(shape, input);
        Tensor output = empty([map.Batch, shape.OutChannels, map.OutputHeight, map.OutputWidth], ScalarType.Float32, input.device);
        RunInto(shape, input, weight3x3, batchNorm1, weight1x1, batchNorm2, output);
        return output;
    }

    /// <summary>Runs the block into <paramref name="output"/>, a contiguous float32 [N, O, H', W'] tensor.</summary>
    /// <exception cref="ArgumentException">A tensor's shape does not fit the block.</exception>
    internal static void RunInto<TShape>(TShape shape, Tensor input, Tensor weight3x3, FoldedBatchNorm batchNorm1,
        Tensor weight1x1, FoldedBatchNorm batchNorm2, Tensor output)
        where TShape : struct, IClcBlockShape
    {
        FeatureMapGeometry map = ConvolutionTensors.Geometry(shape, input);
        ConvolutionTensors.RequireWeight(shape, weight3x3);
        TensorShapes.Require(weight1x1, "1x1 weight", shape.OutChannels, shape.InChannels / shape.Groups1x1, 1, 1);
        TensorShapes.Require(output, "output", map.Batch, shape.OutChannels, map.OutputHeight, map.OutputWidth);
        if (Unsupported(ClcBlockShape.Of(shape)) is string problem)
        {
            throw new ArgumentException(problem, nameof(shape));
        }

        int lanes = Math.Clamp(ClcAccelerator.Current.MaxNumThreadsPerGroup / TilePixels, 1, MaxLanes);
        int tiles = (map.OutputPixels + TilePixels - 1) / TilePixels;
        var config = new KernelConfig(
            map.Batch * shape.Groups1x1 * tiles,
            lanes * TilePixels,
            SharedMemoryConfig.RequestDynamic<float>(TileFloats(shape)));
        lock (ClcAccelerator.Gate)
        {
            using var binding = new TensorBinding();
            Loaded<TShape>.Launch(config,
                binding.Read(input), binding.Read(weight3x3), binding.Read(batchNorm1.Scale), binding.Read(batchNorm1.Shift),
                binding.Read(weight1x1), binding.Read(batchNorm2.Scale), binding.Read(batchNorm2.Shift),
                binding.Write(output), map, shape);
            binding.Complete();
        }
    }

    /// <summary>The kernel, which ILGPU compiles from its IL (ClcNet lets ILGPURuntime see internals). Launch it through <see cref="Run"/>.</summary>
    internal static void Kernel<TShape>(ArrayView<float> input, ArrayView<float> weight3x3, ArrayView<float> scale1,
        ArrayView<float> shift1, ArrayView<float> weight1x1, ArrayView<float> scale2, ArrayView<float> shift2,
        ArrayView<float> output, FeatureMapGeometry map, TShape shape)
        where TShape : struct, IClcBlockShape
    {
        int groupSize = shape.InChannels / shape.Groups3x3;
        int pointwiseIn = shape.InChannels / shape.Groups1x1;
        int pointwiseOut = shape.OutChannels / shape.Groups1x1;
        int tiles = (map.OutputPixels + TilePixels - 1) / TilePixels;

        int tile = Grid.IdxX % tiles;
        int pointwiseGroup = Grid.IdxX / tiles % shape.Groups1x1;
        int sample = Grid.IdxX / tiles / shape.Groups1x1;
        int slot = Group.IdxX % TilePixels;
        int lane = Group.IdxX / TilePixels;
        int lanes = Group.DimX / TilePixels;
        int pixel = tile * TilePixels + slot;
        bool inside = pixel < map.OutputPixels;
        int outputY = pixel / map.OutputWidth;
        int outputX = pixel - outputY * map.OutputWidth;

        // Phase 1: the 3x3 results this 1x1 group reads, stored at their interlaced position.
        ArrayView<float> interlaced = SharedMemory.GetDynamic<float>();
        if (inside)
        {
            for (int k = lane; k < pointwiseIn; k += lanes)
            {
                int channel = InterlacedChannel.Source(pointwiseGroup * pointwiseIn + k, shape.Groups3x3, groupSize);
                float sum = GroupedConvolution3x3.At(input, weight3x3, map, shape, sample, channel, outputY, outputX);
                interlaced[k * TilePixels + slot] = sum * scale1[channel] + shift1[channel];
            }
        }
        Group.Barrier();

        // Phase 2: the 1x1 group's outputs for the tile.
        if (inside)
        {
            for (int j = lane; j < pointwiseOut; j += lanes)
            {
                int outChannel = pointwiseGroup * pointwiseOut + j;
                int weightBase = outChannel * pointwiseIn;
                float sum = 0;
                for (int k = 0; k < pointwiseIn; k++)
                {
                    sum += weight1x1[weightBase + k] * interlaced[k * TilePixels + slot];
                }
                float value = sum * scale2[outChannel] + shift2[outChannel];
                output[(sample * shape.OutChannels + outChannel) * map.OutputPixels + pixel] = Math.Max(value, 0f);
            }
        }
    }

    // The shared-memory tile: the 3x3 results one 1x1 group reads, for TilePixels pixels.
    private static int TileFloats<TShape>(TShape shape) where TShape : struct, IClcBlockShape =>
        shape.InChannels / shape.Groups1x1 * TilePixels;

    private static class Loaded<TShape> where TShape : struct, IClcBlockShape
    {
        public static readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, FeatureMapGeometry, TShape> Launch =
            ClcAccelerator.Current.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
                ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, FeatureMapGeometry, TShape>(Kernel);
    }
}
