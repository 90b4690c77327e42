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
        using DisposeScope scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);
        var testCase = EvalBlockCase.Random(shape, batch, size, seed: 1);

        testCase.AssertFusedKernel((output, batchNorm1, batchNorm2) => FusedClcBlockKernel.RunInto(shape, testCase.Input,
            testCase.Conv3x3Weight, batchNorm1, testCase.Conv1x1Weight, batchNorm2, output), $"fused {shape} on {size}x{size}");
    }

    [Theory]
    [MemberData(nameof(BlockCases.All), MemberType = typeof(BlockCases))]
    public void Block_with_ilgpu_kernels_under_no_grad_matches_libtorch(
        int inChannels, int outChannels, int stride, int groups3x3, int groups1x1, int size, int batch)
    {
        using DisposeScope scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);

        EvalBlockCase.Random(shape, batch, size, seed: 3).AssertKernelsMatch(ClcKernels.Ilgpu, $"ClcBlock {shape} with ILGPU kernels");
    }

    [Fact]
    public void Block_of_a_generated_constant_shape_matches_libtorch()
    {
        using DisposeScope scope = NewDisposeScope();
        ClcBlock block = Blocks.Randomize(ClcBlock.Create<GeneratedStyleShape>(), seed: 5);
        Assert.Equal(new ClcBlockShape(8, 8, 2, 4, 2), block.Shape);

        new EvalBlockCase(block, Blocks.Input(2, 8, 7, seed: 6))
            .AssertKernelsMatch(ClcKernels.Ilgpu, "ClcBlock.Create<GeneratedStyleShape>() with ILGPU kernels");
    }

    [Fact]
    public void Switching_to_ilgpu_rejects_a_block_whose_tile_does_not_fit_shared_memory()
    {
        using DisposeScope scope = NewDisposeScope();
        var block = new ClcBlock(1024, 1024, 1, 512, 1);

        ArgumentException error = Assert.Throws<ArgumentException>(() => block.Kernels = ClcKernels.Ilgpu);

        Assert.Contains("shared memory", error.Message);
        Assert.Equal(ClcKernels.LibTorch, block.Kernels);
    }

    [Fact]
    public void Input_with_the_wrong_channel_count_is_a_clear_error()
    {
        using DisposeScope scope = NewDisposeScope();

        ArgumentException error = Blocks.ForwardError(ClcKernels.Ilgpu, zeros(1, 6, 5, 5));

        Assert.Contains("input must have shape [*, 4, *, *], got [1, 6, 5, 5]", error.Message);
    }
}
