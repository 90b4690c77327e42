using ClcNet.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Tests;

public sealed class InterlacedConv3x3Tests
{
    [Theory]
    [MemberData(nameof(BlockCases.All), MemberType = typeof(BlockCases))]
    public void Output_and_gradients_match_libtorch_autograd(
        int inChannels, int outChannels, int stride, int groups3x3, int groups1x1, int size, int batch)
    {
        using DisposeScope scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);

        new InterlacedConv3x3Case(shape, batch, size, seed: 21).AssertMatches((input, weight) => InterlacedConv3x3.Apply(input, weight, shape));
    }

    [Fact]
    public void Constant_shape_kernels_match_the_run_time_shape_kernels()
    {
        using DisposeScope scope = NewDisposeScope();
        var shape = ClcBlockShape.Of(default(GeneratedStyleShape));
        var generator = new Generator(22);
        Tensor input = randn([2, 8, 7, 7], generator: generator).requires_grad_();
        Tensor weight = randn([8, 2, 3, 3], generator: generator).requires_grad_();
        Tensor gradient = randn([2, 8, 4, 4], generator: generator);

        Tensor runTime = InterlacedConv3x3.Apply(input, weight, shape);
        runTime.backward([gradient]);
        Tensor runTimeInputGradient = input.grad!.clone();
        Tensor runTimeWeightGradient = weight.grad!.clone();
        input.grad!.zero_();
        weight.grad!.zero_();
        Tensor constant = InterlacedConv3x3.Apply(input, weight, default(GeneratedStyleShape));
        constant.backward([gradient]);

        Tolerance.Close(constant, runTime, "forward");
        Tolerance.Close(input.grad!, runTimeInputGradient, "input gradient");
        Tolerance.Close(weight.grad!, runTimeWeightGradient, "weight gradient");
    }
}
