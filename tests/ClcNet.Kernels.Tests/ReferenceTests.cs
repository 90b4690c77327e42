using ClcNet.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Tests;

/// <summary>The plain C# references, the oracles beside the kernels, against TorchSharp.</summary>
public sealed class ReferenceTests
{
    [Theory]
    [MemberData(nameof(BlockCases.All), MemberType = typeof(BlockCases))]
    public void Block_reference_matches_the_libtorch_block_in_eval_mode(
        int inChannels, int outChannels, int stride, int groups3x3, int groups1x1, int size, int batch)
    {
        using DisposeScope scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);
        var testCase = EvalBlockCase.Random(shape, batch, size, seed: 11);

        float[] actual = ClcBlockReference.Infer(Blocks.Values(testCase.Input),
            Blocks.Values(testCase.Conv3x3Weight), Blocks.Values(testCase.BatchNorm1),
            Blocks.Values(testCase.Conv1x1Weight), Blocks.Values(testCase.BatchNorm2),
            shape, Blocks.Map(shape, batch, size));

        Tolerance.Close(actual, Blocks.Values(testCase.Expected), $"block reference {shape}");
    }

    [Theory]
    [MemberData(nameof(BlockCases.All), MemberType = typeof(BlockCases))]
    public void Convolution_references_match_libtorch_autograd(
        int inChannels, int outChannels, int stride, int groups3x3, int groups1x1, int size, int batch)
    {
        using DisposeScope scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);
        FeatureMapGeometry map = Blocks.Map(shape, batch, size);
        var generator = new Generator(13);
        Tensor input = randn([batch, inChannels, size, size], generator: generator).requires_grad_();
        Tensor weight = randn([inChannels, shape.GroupSize3x3, 3, 3], generator: generator).requires_grad_();
        Tensor gradient = randn([batch, inChannels, map.OutputHeight, map.OutputWidth], generator: generator);
        Tensor output = Interlace.Apply(
            nn.functional.conv2d(input, weight, strides: [stride, stride], padding: [1, 1], groups: groups3x3), groups3x3);
        output.backward([gradient]);

        Tolerance.Close(InterlacedConv3x3Reference.Forward(Blocks.Values(input), Blocks.Values(weight), shape, map),
            Blocks.Values(output), "forward reference");
        Tolerance.Close(InterlacedConv3x3Reference.InputGradient(Blocks.Values(gradient), Blocks.Values(weight), shape, map),
            Blocks.Values(input.grad!), "input gradient reference");
        Tolerance.Close(InterlacedConv3x3Reference.WeightGradient(Blocks.Values(input), Blocks.Values(gradient), shape, map),
            Blocks.Values(weight.grad!), "weight gradient reference");
    }

    [Fact]
    public void Interlace_reference_follows_the_reference_example()
    {
        // docs/clcnet.md#interlace: C = 4, g = 2 gives [in0, in2, in1, in3].
        float[] interlaced = InterlacedConv3x3Reference.Interlace([0, 1, 2, 3], batch: 1, channels: 4, groups: 2, pixels: 1);

        Assert.Equal([0f, 2f, 1f, 3f], interlaced);
        Assert.Equal([0f, 1f, 2f, 3f], InterlacedConv3x3Reference.Deinterlace(interlaced, 1, 4, 2, 1));
    }
}
