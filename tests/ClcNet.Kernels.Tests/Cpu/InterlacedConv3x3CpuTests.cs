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
        using var scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);
        FeatureMapGeometry map = Blocks.Map(shape, batch, size);
        var generator = new Generator(61);
        Tensor input = randn([batch, inChannels, size, size], generator: generator);
        Tensor weight = randn([inChannels, shape.GroupSize3x3, 3, 3], generator: generator);
        Tensor gradient = randn([batch, inChannels, map.OutputHeight, map.OutputWidth], generator: generator);

        Tensor expectedInput = input.clone().requires_grad_();
        Tensor expectedWeight = weight.clone().requires_grad_();
        Tensor expected = Interlace.Apply(
            nn.functional.conv2d(expectedInput, expectedWeight, strides: [stride, stride], padding: [1, 1], groups: groups3x3), groups3x3);
        expected.backward([gradient]);

        Tensor actualInput = input.clone().requires_grad_();
        Tensor actualWeight = weight.clone().requires_grad_();
        using (CpuCases.Force(level))
        {
            Tensor actual = InterlacedConv3x3.Apply<ClcBlockShape, CpuConv3x3Kernels>(actualInput, actualWeight, shape);
            actual.backward([gradient]);
            Tolerance.Close(actual, expected, $"interlaced 3x3 forward {shape} at {level}", Tolerance.CpuKernels);
        }

        Tolerance.Close(actualInput.grad!, expectedInput.grad!, $"input gradient {shape} at {level}", Tolerance.CpuKernels);
        Tolerance.Close(actualWeight.grad!, expectedWeight.grad!, $"weight gradient {shape} at {level}", Tolerance.CpuKernels);
    }

    [Fact]
    public void Kernels_write_every_value_of_their_fresh_outputs()
    {
        using var scope = NewDisposeScope();
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
