using ClcNet.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Tests;

/// <summary>A ClcBlock on the ILGPU (or CPU) kernels where autograd records: against the same block on libtorch.</summary>
public sealed class ClcBlockTrainingTests
{
    [Theory]
    [MemberData(nameof(BlockCases.All), MemberType = typeof(BlockCases))]
    public void Training_forward_and_backward_match_libtorch_including_running_statistics(
        int inChannels, int outChannels, int stride, int groups3x3, int groups1x1, int size, int batch)
    {
        using DisposeScope scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);

        AssertTrainingStepMatches(ClcKernels.Ilgpu, shape, batch, size, seed: 31);
    }

    [Theory]
    [InlineData(ClcKernels.Ilgpu)]
    [InlineData(ClcKernels.Cpu)]
    public void Eval_mode_with_autograd_recording_matches_libtorch(ClcKernels kernels)
    {
        using DisposeScope scope = NewDisposeScope();
        var shape = new ClcBlockShape(8, 8, 2, 4, 2);
        ClcBlock libtorch = Blocks.Random(shape, seed: 34);
        ClcBlock switched = Blocks.Random(shape, seed: 34);
        libtorch.eval();
        switched.eval();
        switched.Kernels = kernels;
        Tensor input = Blocks.Input(2, 8, 6, seed: 35);
        Tensor outputWeights = rand([2, 8, 3, 3], generator: new Generator(36));

        AssertSameStep(switched, libtorch, input, outputWeights);
    }

    [Fact]
    public void Use_kernels_switches_every_block_of_a_network()
    {
        using DisposeScope scope = NewDisposeScope();
        var model = ClcNetModel.Create(new ClcNetSpec(0, 0, 0, 0, classes: 10, inputSize: 32));

        ClcNetModel returned = model.UseKernels(ClcKernels.Ilgpu);

        ClcBlock[] blocks = model.modules().OfType<ClcBlock>().ToArray();
        Assert.Same(model, returned);
        Assert.Equal(5, blocks.Length);
        Assert.All(blocks, block => Assert.Equal(ClcKernels.Ilgpu, block.Kernels));
        model.UseKernels(ClcKernels.LibTorch);
        Assert.All(blocks, block => Assert.Equal(ClcKernels.LibTorch, block.Kernels));
    }

    [Fact]
    public void Use_kernels_switches_no_block_when_a_later_one_cannot_run_on_ilgpu()
    {
        using DisposeScope scope = NewDisposeScope();
        // With one 1x1 group, stage 4's 1024-channel block needs a 64 KiB tile, more than the fused kernel's
        // 48 KiB budget; the blocks before it fit and are switched first.
        var model = ClcNetModel.Create(new ClcNetSpec(0, 0, 0, 1, classes: 10, inputSize: 32, pointwiseGroups: 1));

        ArgumentException error = Assert.Throws<ArgumentException>(() => model.UseKernels(ClcKernels.Ilgpu));

        Assert.Contains("Block(1024, 1024, 1, 512, 1)", error.Message);
        Assert.All(model.modules().OfType<ClcBlock>(), block => Assert.Equal(ClcKernels.LibTorch, block.Kernels));
    }

    /// <summary>
    /// A random block of <paramref name="shape"/> (from <paramref name="seed"/>) on <paramref name="kernels"/> and the
    /// same block on libtorch take one training step on the same random input (seed + 1, loss weights seed + 2).
    /// </summary>
    internal static void AssertTrainingStepMatches(ClcKernels kernels, ClcBlockShape shape, int batch, int size, int seed)
    {
        ClcBlock libtorch = Blocks.Random(shape, seed);
        ClcBlock switched = Blocks.Random(shape, seed);
        switched.Kernels = kernels;
        Tensor input = Blocks.Input(batch, shape.InChannels, size, seed + 1);
        int outputSize = shape.OutputSize(size);
        Tensor outputWeights = rand([batch, shape.OutChannels, outputSize, outputSize], generator: new Generator((ulong)seed + 2));

        AssertSameStep(switched, libtorch, input, outputWeights);
    }

    /// <summary>One step of each block on the same input: outputs, input gradients and the state they leave agree.</summary>
    internal static void AssertSameStep(ClcBlock actual, ClcBlock expected, Tensor input, Tensor outputWeights)
    {
        (Tensor expectedOutput, Tensor expectedGradient) = Step(expected, input, outputWeights);
        (Tensor actualOutput, Tensor actualGradient) = Step(actual, input, outputWeights);

        Tolerance.Close(actualOutput, expectedOutput, "output");
        Tolerance.Close(actualGradient, expectedGradient, "input gradient");
        AssertSameState(actual, expected);
    }

    // One forward and backward of a weighted-sum loss; returns the output and the input gradient.
    private static (Tensor Output, Tensor InputGradient) Step(ClcBlock block, Tensor input, Tensor outputWeights)
    {
        Tensor leaf = input.clone().requires_grad_();
        Tensor output = block.forward(leaf);
        (output * outputWeights).sum().backward();
        return (output.detach(), leaf.grad!);
    }

    // Parameter gradients and every buffer (running statistics, batch counters) of the two blocks agree.
    // Gradients are measured against the block's largest gradient: in training mode bn1.bias has a zero
    // gradient in exact arithmetic (bn2's batch mean removes any per-channel constant that passes the
    // linear 1x1 convolution), so on both sides it is rounding noise, which only an absolute scale can judge.
    private static void AssertSameState(ClcBlock actual, ClcBlock expected)
    {
        var expectedParameters = expected.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        double gradientScale = expectedParameters.Values.Max(parameter => parameter.grad!.abs().max().item<float>());
        foreach ((string name, Parameter parameter) in actual.named_parameters())
        {
            Tolerance.Close(parameter.grad!, expectedParameters[name].grad!, $"gradient of {name}", scale: gradientScale);
        }
        var expectedBuffers = expected.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        foreach ((string name, Tensor buffer) in actual.named_buffers())
        {
            if (buffer.dtype == ScalarType.Int64)
            {
                Assert.Equal(expectedBuffers[name].item<long>(), buffer.item<long>());
            }
            else
            {
                Tolerance.Close(buffer, expectedBuffers[name], $"buffer {name}");
            }
        }
    }
}
