using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>
/// The block's 3x3 grouped convolution followed by the interlace, as one autograd operation on the ILGPU
/// kernels: <see cref="InterlacedConv3x3ForwardKernel"/> forward, <see cref="InterlacedConv3x3InputGradientKernel"/>
/// and <see cref="InterlacedConv3x3WeightGradientKernel"/> backward, through TorchSharp's custom autograd
/// functions.
/// </summary>
internal static class InterlacedConv3x3
{
    /// <summary>
    /// <c>Interlace(conv3x3(input, weight), g1)</c> for a block of shape <paramref name="shape"/>, recorded by
    /// autograd when <paramref name="input"/> or <paramref name="weight"/> requires a gradient.
    /// </summary>
    public static Tensor Apply<TShape>(Tensor input, Tensor weight, TShape shape) where TShape : struct, IClcBlockShape =>
        Function<TShape>.apply(input, weight, shape);

    private sealed class Function<TShape> : autograd.SingleTensorFunction<Function<TShape>>
        where TShape : struct, IClcBlockShape
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
            return InterlacedConv3x3ForwardKernel.Run(shape, input, weight);
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
                InterlacedConv3x3InputGradientKernel.Run(shape, gradient, weight, map),
                InterlacedConv3x3WeightGradientKernel.Run(shape, input, gradient),
                null!,
            ];
        }
    }
}
