using ILGPU;
using ILGPU.Runtime;
using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>
/// Input gradient of <see cref="InterlacedConv3x3ForwardKernel"/>: one thread per input value gathers the
/// output gradients it contributed to, loading them from their interlaced channels.
/// Reference: <see cref="InterlacedConv3x3Reference.InputGradient"/>.
/// </summary>
internal static class InterlacedConv3x3InputGradientKernel
{
    /// <summary>Returns dL/dinput [N, C, H, W] for the interlaced output gradient [N, C, H', W'].</summary>
    public static Tensor Run<TShape>(TShape shape, Tensor outputGradient, Tensor weight, FeatureMapGeometry map)
        where TShape : struct, IClcBlockShape
    {
        ConvolutionTensors.RequireWeight(shape, weight);
        TensorShapes.Require(outputGradient, "output gradient", map.Batch, shape.InChannels, map.OutputHeight, map.OutputWidth);
        Tensor inputGradient = empty([map.Batch, shape.InChannels, map.InputHeight, map.InputWidth], ScalarType.Float32, outputGradient.device);
        lock (ClcAccelerator.Gate)
        {
            using var binding = new TensorBinding();
            Loaded<TShape>.Launch(map.Batch * shape.InChannels * map.InputPixels,
                binding.Read(outputGradient), binding.Read(weight), binding.Write(inputGradient), map, shape);
            binding.Complete();
        }
        return inputGradient;
    }

    /// <summary>The kernel, which ILGPU compiles from its IL (ClcNet lets ILGPURuntime see internals). Launch it through <see cref="Run"/>.</summary>
    public static void Kernel<TShape>(Index1D index, ArrayView<float> outputGradient, ArrayView<float> weight,
        ArrayView<float> inputGradient, FeatureMapGeometry map, TShape shape)
        where TShape : struct, IClcBlockShape
    {
        int groupSize = shape.InChannels / shape.Groups3x3;
        int stride = shape.Stride;
        int inputX = index % map.InputWidth;
        int inputY = index / map.InputWidth % map.InputHeight;
        int inputChannel = index / map.InputPixels % shape.InChannels;
        int sample = index / map.InputPixels / shape.InChannels;
        int firstChannel = inputChannel / groupSize * groupSize;
        int a = inputChannel - firstChannel;

        float sum = 0;
        for (int j = 0; j < groupSize; j++)
        {
            int channel = firstChannel + j;
            int interlaced = InterlacedChannel.Of(channel, shape.Groups3x3, groupSize);
            int gradientPlane = (sample * shape.InChannels + interlaced) * map.OutputPixels;
            int weightBase = (channel * groupSize + a) * 9;
            for (int ky = 0; ky < 3; ky++)
            {
                // Output row oy read this input row through tap ky when oy*stride - 1 + ky == inputY.
                int rowOffset = inputY + 1 - ky;
                int outputY = rowOffset / stride;
                if (rowOffset < 0 || outputY * stride != rowOffset || outputY >= map.OutputHeight)
                {
                    continue;
                }
                for (int kx = 0; kx < 3; kx++)
                {
                    int columnOffset = inputX + 1 - kx;
                    int outputX = columnOffset / stride;
                    if (columnOffset >= 0 && outputX * stride == columnOffset && outputX < map.OutputWidth)
                    {
                        sum += outputGradient[gradientPlane + outputY * map.OutputWidth + outputX] * weight[weightBase + ky * 3 + kx];
                    }
                }
            }
        }
        inputGradient[index] = sum;
    }

    private static class Loaded<TShape> where TShape : struct, IClcBlockShape
    {
        public static readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, FeatureMapGeometry, TShape> Launch =
            ClcAccelerator.Current.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>,
                FeatureMapGeometry, TShape>(Kernel);
    }
}
