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
        using var scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);
        ClcBlock block = Blocks.Random(shape, seed: 51);
        block.eval();
        Tensor input = Blocks.Input(batch, inChannels, size, seed: 52);
        Tensor expected;
        using (no_grad())
        {
            expected = block.forward(input);
        }

        Tensor output = full(expected.shape, float.NaN, ScalarType.Float32);
        using var batchNorm1 = FoldedBatchNorm.From(Blocks.Layer<BatchNorm2d>(block, "bn1"));
        using var batchNorm2 = FoldedBatchNorm.From(Blocks.Layer<BatchNorm2d>(block, "bn2"));
        PackedClcBlock weights = PackedClcBlock.Pack(shape, Blocks.Layer<Conv2d>(block, "conv3x3").weight!, batchNorm1,
            Blocks.Layer<Conv2d>(block, "conv1x1").weight!, batchNorm2);
        using (CpuCases.Force(level))
        {
            FusedClcBlockCpuKernel.Run(shape, weights, input, output);
        }

        Assert.Equal(0, output.isnan().sum().item<long>());
        Tolerance.Close(output, expected, $"fused CPU {shape} on {size}x{size} at {level}", Tolerance.CpuKernels);
    }

    [Theory]
    [MemberData(nameof(CpuCases.Shapes), MemberType = typeof(CpuCases))]
    public void Block_with_cpu_kernels_under_no_grad_matches_libtorch(
        int inChannels, int outChannels, int stride, int groups3x3, int groups1x1, int size, int batch)
    {
        using var scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);
        ClcBlock block = Blocks.Random(shape, seed: 53);
        block.eval();
        Tensor input = Blocks.Input(batch, inChannels, size, seed: 54);
        using var noGrad = no_grad();
        Tensor expected = block.forward(input);

        block.Kernels = ClcKernels.Cpu;
        Tensor actual = block.forward(input);

        Tolerance.Close(actual, expected, $"ClcBlock {shape} with CPU kernels", Tolerance.CpuKernels);
    }

    [Fact]
    public void Block_of_a_generated_constant_shape_matches_libtorch()
    {
        using var scope = NewDisposeScope();
        ClcBlock block = Blocks.Randomize(ClcBlock.Create<GeneratedStyleShape>(), seed: 55);
        block.eval();
        Tensor input = Blocks.Input(2, 8, 7, seed: 56);
        using var noGrad = no_grad();
        Tensor expected = block.forward(input);

        block.Kernels = ClcKernels.Cpu;
        Tensor actual = block.forward(input);

        Tolerance.Close(actual, expected, "ClcBlock.Create<GeneratedStyleShape>() with CPU kernels", Tolerance.CpuKernels);
    }

    [Fact]
    public void Input_that_is_not_float32_is_a_clear_error()
    {
        using var scope = NewDisposeScope();
        ClcBlock block = Blocks.Random(new ClcBlockShape(4, 8, 1, 2, 2), seed: 57);
        block.eval();
        block.Kernels = ClcKernels.Cpu;
        using var noGrad = no_grad();

        var error = Assert.Throws<ArgumentException>(() => block.forward(zeros(1, 4, 5, 5, ScalarType.Float64)));

        Assert.Contains("CPU kernels compute in float32", error.Message);
    }
}
