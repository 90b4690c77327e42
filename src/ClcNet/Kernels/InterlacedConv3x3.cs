using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>
/// The block's 3x3 grouped convolution followed by the interlace, as one autograd operation through TorchSharp's
/// custom autograd functions: forward, input gradient and weight gradient on one kernel family
/// (<see cref="IInterlacedConv3x3Kernels"/>): the ILGPU kernels (<see cref="InterlacedConv3x3ForwardKernel"/>,
/// <see cref="InterlacedConv3x3InputGradientKernel"/>, <see cref="InterlacedConv3x3WeightGradientKernel"/>) or the
/// CPU kernels (<see cref="Cpu.CpuConv3x3Kernels"/>).
/// </summary>
internal static class InterlacedConv3x3
{
    /// <summary>
    /// <c>Interlace(conv3x3(input, weight), g1)</c> on the ILGPU kernels for a block of shape <paramref name="shape"/>,
    /// recorded by autograd when <paramref name="input"/> or <paramref name="weight"/> requires a gradient.
    /// </summary>
    public static Tensor Apply<TShape>(Tensor input, Tensor weight, TShape shape) where TShape : struct, IClcBlockShape =>
        Apply<TShape, IlgpuConv3x3Kernels>(input, weight, shape);

    /// <summary>The same on the kernel family <typeparamref name="TKernels"/>.</summary>
    internal static Tensor Apply<TShape, TKernels>(Tensor input, Tensor weight, TShape shape)
        where TShape : struct, IClcBlockShape
        where TKernels : struct, IInterlacedConv3x3Kernels =>
        Function<TShape, TKernels>.apply(input, weight, shape);

    private sealed class Function<TShape, TKernels> : autograd.SingleTensorFunction<Function<TShape, TKernels>>
        where TShape : struct, IClcBlockShape
        where TKernels : struct, IInterlacedConv3x3Kernels
    {
        private const string ShapeKey = "shape";

        public override string Name => nameof(InterlacedConv3x3);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var input = (Tensor)vars[0];
            var weight = (Tensor)vars[1];
            var shape = (TShape)vars[2];
            ctx.save_for_backward([input, weight]);
            ctx.save_data(ShapeKey, shape);
            return TKernels.Forward(shape, input, weight);
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var shape = (TShape)ctx.get_data(ShapeKey);
            List<Tensor> saved = ctx.get_saved_variables();
            using Tensor input = saved[0];
            using Tensor weight = saved[1];
            using Tensor gradient = grad_output.contiguous();
            FeatureMapGeometry map = ConvolutionTensors.Geometry(shape, input);
            return
            [
                TKernels.InputGradient(shape, gradient, weight, map),
                TKernels.WeightGradient(shape, input, gradient),
                null!,
            ];
        }
    }
}
