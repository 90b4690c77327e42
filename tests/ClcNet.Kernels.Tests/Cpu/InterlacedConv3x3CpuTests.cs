using ClcNet.Kernels.Cpu;
using ClcNet.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Tests.Cpu;

public sealed class InterlacedConv3x3CpuTests
{
    [Theory]
    [MemberData(nameof(CpuCases.ShapesAtEveryLevel), MemberType = typeof(CpuCases))]
    public void Output_and_gradients_match_libtorch_autograd(
        string level, int inChannels, int outChannels, int stride, int groups3x3, int groups1x1, int size, int batch)
    {
        using DisposeScope scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);
        var testCase = new InterlacedConv3x3Case(shape, batch, size, seed: 61);

        using (CpuCases.Force(level))
        {
            testCase.AssertMatches((input, weight) => InterlacedConv3x3.Apply<ClcBlockShape, CpuConv3x3Kernels>(input, weight, shape),
                $" at {level}", Tolerance.CpuKernels);
        }
    }

    [Fact]
    public void Kernels_write_every_value_of_their_fresh_outputs()
    {
        using DisposeScope scope = NewDisposeScope();
        // A freed NaN-filled buffer of the output's size is what a fresh empty() tensor is likely to reuse.
        var shape = new ClcBlockShape(8, 8, 2, 4, 2);
        FeatureMapGeometry map = Blocks.Map(shape, 3, 13);
        var generator = new Generator(62);
        Tensor input = randn([3, 8, 13, 13], generator: generator);
        Tensor weight = randn([8, 2, 3, 3], generator: generator);
        Tensor gradient = randn([3, 8, map.OutputHeight, map.OutputWidth], generator: generator);

        full([3, 8, map.OutputHeight, map.OutputWidth], float.NaN).Dispose();
        Tensor output = InterlacedConv3x3CpuForwardKernel.Run(shape, input, weight);
        full([3, 8, 13, 13], float.NaN).Dispose();
        Tensor inputGradient = InterlacedConv3x3CpuInputGradientKernel.Run(shape, gradient, weight, map);
        full([8, 2, 3, 3], float.NaN).Dispose();
        Tensor weightGradient = InterlacedConv3x3CpuWeightGradientKernel.Run(shape, input, gradient);

        Tolerance.Close(output, tensor(InterlacedConv3x3Reference.Forward(Blocks.Values(input), Blocks.Values(weight), shape, map), output.shape),
            "forward against the reference", Tolerance.CpuKernels);
        Tolerance.Close(inputGradient, tensor(InterlacedConv3x3Reference.InputGradient(Blocks.Values(gradient), Blocks.Values(weight), shape, map), input.shape),
            "input gradient against the reference", Tolerance.CpuKernels);
        Tolerance.Close(weightGradient, tensor(InterlacedConv3x3Reference.WeightGradient(Blocks.Values(input), Blocks.Values(gradient), shape, map), weight.shape),
            "weight gradient against the reference", Tolerance.CpuKernels);
    }
}
