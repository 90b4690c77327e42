using ClcNet.Kernels.Cpu;
using ClcNet.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Tests.Cpu;

public sealed class FusedClcBlockCpuKernelTests
{
    [Theory]
    [MemberData(nameof(CpuCases.ShapesAtEveryLevel), MemberType = typeof(CpuCases))]
    public void Fused_cpu_kernel_matches_the_libtorch_block_in_eval_mode_and_writes_every_output(
        string level, int inChannels, int outChannels, int stride, int groups3x3, int groups1x1, int size, int batch)
    {
        using DisposeScope scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);
        var testCase = EvalBlockCase.Random(shape, batch, size, seed: 51);

        testCase.AssertFusedKernel((output, batchNorm1, batchNorm2) =>
        {
            var weights = PackedClcBlock.Pack(shape, testCase.Conv3x3Weight, batchNorm1, testCase.Conv1x1Weight, batchNorm2);
            using (CpuCases.Force(level))
            {
                FusedClcBlockCpuKernel.Run(shape, weights, testCase.Input, output);
            }
        }, $"fused CPU {shape} on {size}x{size} at {level}", Tolerance.CpuKernels);
    }

    [Theory]
    [MemberData(nameof(CpuCases.Shapes), MemberType = typeof(CpuCases))]
    public void Block_with_cpu_kernels_under_no_grad_matches_libtorch(
        int inChannels, int outChannels, int stride, int groups3x3, int groups1x1, int size, int batch)
    {
        using DisposeScope scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);

        EvalBlockCase.Random(shape, batch, size, seed: 53)
            .AssertKernelsMatch(ClcKernels.Cpu, $"ClcBlock {shape} with CPU kernels", Tolerance.CpuKernels);
    }

    [Fact]
    public void Block_of_a_generated_constant_shape_matches_libtorch()
    {
        using DisposeScope scope = NewDisposeScope();
        ClcBlock block = Blocks.Randomize(ClcBlock.Create<GeneratedStyleShape>(), seed: 55);

        new EvalBlockCase(block, Blocks.Input(2, 8, 7, seed: 56))
            .AssertKernelsMatch(ClcKernels.Cpu, "ClcBlock.Create<GeneratedStyleShape>() with CPU kernels", Tolerance.CpuKernels);
    }

    [Fact]
    public void Input_that_is_not_float32_is_a_clear_error()
    {
        using DisposeScope scope = NewDisposeScope();

        ArgumentException error = Blocks.ForwardError(ClcKernels.Cpu, zeros(1, 4, 5, 5, ScalarType.Float64));

        Assert.Contains("CPU kernels compute in float32", error.Message);
    }
}
