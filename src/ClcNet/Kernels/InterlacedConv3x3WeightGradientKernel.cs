using ILGPU;
using ILGPU.Runtime;
using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>
/// Weight gradient of <see cref="InterlacedConv3x3ForwardKernel"/>: one thread group per (output channel,
/// input channel of its group) pair reduces the products over batch and pixels for all 9 taps, each thread
/// keeping its 9 partial sums in its own shared-memory slots, then a tree reduction.
/// Reference: <see cref="InterlacedConv3x3Reference.WeightGradient"/>.
/// </summary>
internal static class InterlacedConv3x3WeightGradientKernel
{
    private const int MaxGroupSize = 128;

    /// <summary>Returns dL/dweight [C, s, 3, 3] for the input [N, C, H, W] and the interlaced output gradient.</summary>
    public static Tensor Run<TShape>(TShape shape, Tensor input, Tensor outputGradient) where TShape : struct, IClcBlockShape
    {
        FeatureMapGeometry map = ConvolutionTensors.Geometry(shape, input);
        TensorShapes.Require(outputGradient, "output gradient", map.Batch, shape.InChannels, map.OutputHeight, map.OutputWidth);
        int groupSize = shape.InChannels / shape.Groups3x3;
        Tensor weightGradient = empty([shape.InChannels, groupSize, 3, 3], ScalarType.Float32, input.device);

        // The tree reduction halves the group: a power of two.
        int threads = 1 << (int)Math.Log2(Math.Min(MaxGroupSize, ClcAccelerator.Current.MaxNumThreadsPerGroup));
        var config = new KernelConfig(shape.InChannels * groupSize, threads, SharedMemoryConfig.RequestDynamic<float>(9 * threads));
        lock (ClcAccelerator.Gate)
        {
            using var binding = new TensorBinding();
            Loaded<TShape>.Launch(config, binding.Read(input), binding.Read(outputGradient), binding.Write(weightGradient), map, shape);
            binding.Complete();
        }
        return weightGradient;
    }

    /// <summary>The kernel, which ILGPU compiles from its IL (ClcNet lets ILGPURuntime see internals). Launch it through <see cref="Run"/>.</summary>
    public static void Kernel<TShape>(ArrayView<float> input, ArrayView<float> outputGradient,
        ArrayView<float> weightGradient, FeatureMapGeometry map, TShape shape)
        where TShape : struct, IClcBlockShape
    {
        int groupSize = shape.InChannels / shape.Groups3x3;
        int channel = Grid.IdxX / groupSize;
        int a = Grid.IdxX % groupSize;
        int inputChannel = channel / groupSize * groupSize + a;
        int interlaced = InterlacedChannel.Of(channel, shape.Groups3x3, groupSize);
        int thread = Group.IdxX;
        int threads = Group.DimX;

        ArrayView<float> partial = SharedMemory.GetDynamic<float>();
        for (int tap = 0; tap < 9; tap++)
        {
            partial[tap * threads + thread] = 0;
        }
        for (int e = thread; e < map.Batch * map.OutputPixels; e += threads)
        {
            int sample = e / map.OutputPixels;
            int pixel = e - sample * map.OutputPixels;
            int outputY = pixel / map.OutputWidth;
            int outputX = pixel - outputY * map.OutputWidth;
            float gradient = outputGradient[(sample * shape.InChannels + interlaced) * map.OutputPixels + pixel];
            int inputPlane = (sample * shape.InChannels + inputChannel) * map.InputPixels;
            for (int ky = 0; ky < 3; ky++)
            {
                int y = outputY * shape.Stride - 1 + ky;
                if (y < 0 || y >= map.InputHeight)
                {
                    continue;
                }
                for (int kx = 0; kx < 3; kx++)
                {
                    int x = outputX * shape.Stride - 1 + kx;
                    if (x >= 0 && x < map.InputWidth)
                    {
                        partial[(ky * 3 + kx) * threads + thread] += gradient * input[inputPlane + y * map.InputWidth + x];
                    }
                }
            }
        }
        Group.Barrier();
        for (int half = threads / 2; half > 0; half /= 2)
        {
            if (thread < half)
            {
                for (int tap = 0; tap < 9; tap++)
                {
                    partial[tap * threads + thread] += partial[tap * threads + thread + half];
                }
            }
            Group.Barrier();
        }
        for (int tap = thread; tap < 9; tap += threads)
        {
            weightGradient[Grid.IdxX * 9 + tap] = partial[tap * threads];
        }
    }

    private static class Loaded<TShape> where TShape : struct, IClcBlockShape
    {
        public static readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, FeatureMapGeometry, TShape> Launch =
            ClcAccelerator.Current.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, FeatureMapGeometry, TShape>(Kernel);
    }
}
