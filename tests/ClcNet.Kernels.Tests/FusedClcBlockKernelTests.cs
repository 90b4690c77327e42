using ClcNet.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Tests;

public sealed class FusedClcBlockKernelTests
{
    [Theory]
    [MemberData(nameof(BlockCases.All), MemberType = typeof(BlockCases))]
    public void Fused_kernel_matches_the_libtorch_block_in_eval_mode_and_writes_every_output(
        int inChannels, int outChannels, int stride, int groups3x3, int groups1x1, int size, int batch)
    {
        using var scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);
        ClcBlock block = Blocks.Random(shape, seed: 1);
        block.eval();
        Tensor input = Blocks.Input(batch, inChannels, size, seed: 2);
        Tensor expected;
        using (no_grad())
        {
            expected = block.forward(input);
        }

        Tensor output = full(expected.shape, float.NaN, ScalarType.Float32);
        using var batchNorm1 = FoldedBatchNorm.From(Blocks.Layer<BatchNorm2d>(block, "bn1"));
        using var batchNorm2 = FoldedBatchNorm.From(Blocks.Layer<BatchNorm2d>(block, "bn2"));
        FusedClcBlockKernel.RunInto(shape, input, Blocks.Layer<Conv2d>(block, "conv3x3").weight!, batchNorm1,
            Blocks.Layer<Conv2d>(block, "conv1x1").weight!, batchNorm2, output);

        Assert.Equal(0, output.isnan().sum().item<long>());
        Tolerance.Close(output, expected, $"fused {shape} on {size}x{size}");
    }

    [Theory]
    [MemberData(nameof(BlockCases.All), MemberType = typeof(BlockCases))]
    public void Block_with_ilgpu_kernels_under_no_grad_matches_libtorch(
        int inChannels, int outChannels, int stride, int groups3x3, int groups1x1, int size, int batch)
    {
        using var scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);
        ClcBlock block = Blocks.Random(shape, seed: 3);
        block.eval();
        Tensor input = Blocks.Input(batch, inChannels, size, seed: 4);
        using var noGrad = no_grad();
        Tensor expected = block.forward(input);

        block.Kernels = ClcKernels.Ilgpu;
        Tensor actual = block.forward(input);

        Tolerance.Close(actual, expected, $"ClcBlock {shape} with ILGPU kernels");
    }

    [Fact]
    public void Block_of_a_generated_constant_shape_matches_libtorch()
    {
        using var scope = NewDisposeScope();
        ClcBlock block = Blocks.Randomize(ClcBlock.Create<GeneratedStyleShape>(), seed: 5);
        block.eval();
        Assert.Equal(new ClcBlockShape(8, 8, 2, 4, 2), block.Shape);
        Tensor input = Blocks.Input(2, 8, 7, seed: 6);
        using var noGrad = no_grad();
        Tensor expected = block.forward(input);

        block.Kernels = ClcKernels.Ilgpu;
        Tensor actual = block.forward(input);

        Tolerance.Close(actual, expected, "ClcBlock.Create<GeneratedStyleShape>() with ILGPU kernels");
    }

    [Fact]
    public void Switching_to_ilgpu_rejects_a_block_whose_tile_does_not_fit_shared_memory()
    {
        using var scope = NewDisposeScope();
        var block = new ClcBlock(1024, 1024, 1, 512, 1);

        var error = Assert.Throws<ArgumentException>(() => block.Kernels = ClcKernels.Ilgpu);

        Assert.Contains("shared memory", error.Message);
        Assert.Equal(ClcKernels.LibTorch, block.Kernels);
    }

    [Fact]
    public void Input_with_the_wrong_channel_count_is_a_clear_error()
    {
        using var scope = NewDisposeScope();
        ClcBlock block = Blocks.Random(new ClcBlockShape(4, 8, 1, 2, 2), seed: 7);
        block.eval();
        block.Kernels = ClcKernels.Ilgpu;
        using var noGrad = no_grad();

        var error = Assert.Throws<ArgumentException>(() => block.forward(zeros(1, 6, 5, 5)));

        Assert.Contains("input must have shape [*, 4, *, *], got [1, 6, 5, 5]", error.Message);
    }
}
