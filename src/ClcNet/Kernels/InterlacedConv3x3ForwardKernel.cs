using ILGPU;
using ILGPU.Runtime;
using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>
/// Training forward of the block's 3x3 grouped convolution (padding 1, no bias) with the interlace folded
/// into the store: one thread per output value, in natural order, writing to its interlaced channel.
/// Reference: <see cref="InterlacedConv3x3Reference.Forward"/>.
/// </summary>
internal static class InterlacedConv3x3ForwardKernel
{
    /// <summary>Returns <c>Interlace(conv3x3(input))</c> as a new [N, C, H', W'] tensor.</summary>
    public static Tensor Run<TShape>(TShape shape, Tensor input, Tensor weight) where TShape : struct, IClcBlockShape
    {
        FeatureMapGeometry map = ConvolutionTensors.Geometry(shape, input);
        ConvolutionTensors.RequireWeight(shape, weight);
        Tensor output = empty([map.Batch, shape.InChannels, map.OutputHeight, map.OutputWidth], ScalarType.Float32, input.device);
        lock (ClcAccelerator.Gate)
        {
            using var binding = new TensorBinding();
            Loaded<TShape>.Launch(map.Batch * shape.InChannels * map.OutputPixels,
                binding.Read(input), binding.Read(weight), binding.Write(output), map, shape);
            binding.Complete();
        }
        return output;
    }

    /// <summary>The kernel, which ILGPU compiles from its IL (ClcNet lets ILGPURuntime see internals). Launch it through <see cref="Run"/>.</summary>
    public static void Kernel<TShape>(Index1D index, ArrayView<float> input, ArrayView<float> weight,
        ArrayView<float> output, FeatureMapGeometry map, TShape shape)
        where TShape : struct, IClcBlockShape
    {
        int pixel = index % map.OutputPixels;
        int channel = index / map.OutputPixels % shape.InChannels;
        int sample = index / map.OutputPixels / shape.InChannels;
        int outputY = pixel / map.OutputWidth;
        int outputX = pixel - outputY * map.OutputWidth;
        float sum = GroupedConvolution3x3.At(input, weight, map, shape, sample, channel, outputY, outputX);
        int interlaced = InterlacedChannel.Of(channel, shape.Groups3x3, shape.InChannels / shape.Groups3x3);
        output[(sample * shape.InChannels + interlaced) * map.OutputPixels + pixel] = sum;
    }

    private static class Loaded<TShape> where TShape : struct, IClcBlockShape
    {
        public static readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, FeatureMapGeometry, TShape> Launch =
            ClcAccelerator.Current.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>,
                FeatureMapGeometry, TShape>(Kernel);
    }
}
