using ClcNet.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Tests;

/// <summary>
/// A block in eval mode, an input, and libtorch's output for it: what every family's inference path (the fused
/// kernels, the block switched to other kernels, the plain C# reference) is checked against.
/// </summary>
internal sealed class EvalBlockCase
{
    /// <summary>Puts <paramref name="block"/> in eval mode and computes libtorch's output for <paramref name="input"/>.</summary>
    public EvalBlockCase(ClcBlock block, Tensor input)
    {
        block.eval();
        Block = block;
        Input = input;
        using IDisposable noGrad = no_grad();
        Expected = block.forward(input);
    }

    /// <summary>A random block of <paramref name="shape"/> (from <paramref name="seed"/>) and input (from seed + 1).</summary>
    public static EvalBlockCase Random(ClcBlockShape shape, int batch, int size, int seed) =>
        new(Blocks.Random(shape, seed), Blocks.Input(batch, shape.InChannels, size, seed + 1));

    public ClcBlock Block { get; }

    public Tensor Input { get; }

    /// <summary>libtorch's output.</summary>
    public Tensor Expected { get; }

    public Tensor Conv3x3Weight => Blocks.Layer<Conv2d>(Block, "conv3x3").weight!;

    public BatchNorm2d BatchNorm1 => Blocks.Layer<BatchNorm2d>(Block, "bn1");

    public Tensor Conv1x1Weight => Blocks.Layer<Conv2d>(Block, "conv1x1").weight!;

    public BatchNorm2d BatchNorm2 => Blocks.Layer<BatchNorm2d>(Block, "bn2");

    /// <summary>
    /// Runs a fused kernel into a NaN-filled output (with the block's folded BNs) and asserts that it wrote every
    /// value and matches libtorch.
    /// </summary>
    public void AssertFusedKernel(Action<Tensor, FoldedBatchNorm, FoldedBatchNorm> runInto, string what, double tolerance = Tolerance.Float32)
    {
        Tensor output = full(Expected.shape, float.NaN, ScalarType.Float32);
        using var batchNorm1 = FoldedBatchNorm.From(BatchNorm1);
        using var batchNorm2 = FoldedBatchNorm.From(BatchNorm2);
        runInto(output, batchNorm1, batchNorm2);

        Assert.Equal(0, output.isnan().sum().item<long>());
        Tolerance.Close(output, Expected, what, tolerance);
    }

    /// <summary>Switches the block to <paramref name="kernels"/> and asserts that its forward under no_grad matches libtorch.</summary>
    public void AssertKernelsMatch(ClcKernels kernels, string what, double tolerance = Tolerance.Float32)
    {
        Block.Kernels = kernels;
        using IDisposable noGrad = no_grad();
        Tolerance.Close(Block.forward(Input), Expected, what, tolerance);
    }
}
