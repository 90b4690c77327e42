using ClcNet.Kernels;
using ClcNet.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Tests;

/// <summary>Blocks with random weights and random BN statistics, and access to their layers.</summary>
internal static class Blocks
{
    /// <summary>Randomizes every parameter and BN buffer of <paramref name="module"/> from <paramref name="seed"/>.</summary>
    public static T Randomize<T>(T module, int seed) where T : nn.Module
    {
        using IDisposable noGrad = no_grad();
        var generator = new Generator((ulong)seed);
        foreach (BatchNorm2d bn in module.modules().OfType<BatchNorm2d>())
        {
            bn.running_mean!.normal_(0, 0.5, generator);
            bn.running_var!.uniform_(0.5, 2.0, generator);
            bn.weight!.uniform_(0.5, 1.5, generator);
            bn.bias!.normal_(0, 0.5, generator);
        }
        foreach (Conv2d conv in module.modules().OfType<Conv2d>())
        {
            conv.weight!.normal_(0, 0.5, generator);
        }
        return module;
    }

    /// <summary>A libtorch block of <paramref name="shape"/> with random state.</summary>
    public static ClcBlock Random(ClcBlockShape shape, int seed) =>
        Randomize(new ClcBlock(shape), seed);

    /// <summary>
    /// The error a random 4-to-8-channel block in eval mode on <paramref name="kernels"/> raises for
    /// <paramref name="input"/> under no_grad.
    /// </summary>
    public static ArgumentException ForwardError(ClcKernels kernels, Tensor input)
    {
        ClcBlock block = Random(new ClcBlockShape(4, 8, 1, 2, 2), seed: 7);
        block.eval();
        block.Kernels = kernels;
        using IDisposable noGrad = no_grad();
        return Assert.Throws<ArgumentException>(() => block.forward(input));
    }

    /// <summary>The block's named sub-module (conv3x3, bn1, conv1x1, bn2).</summary>
    public static T Layer<T>(ClcBlock block, string name) where T : nn.Module =>
        (T)block.named_children().Single(child => child.name == name).module;

    /// <summary>A random [N, C, H, W] input.</summary>
    public static Tensor Input(int batch, int channels, int size, int seed) =>
        randn([batch, channels, size, size], generator: new Generator((ulong)seed));

    /// <summary>The block's geometry for a square input.</summary>
    public static FeatureMapGeometry Map(ClcBlockShape shape, int batch, int size) => new(batch, size, size, shape.Stride);

    /// <summary>The values of a tensor, row-major.</summary>
    public static float[] Values(Tensor tensor) => tensor.contiguous().data<float>().ToArray();

    /// <summary>The BN's running statistics and affine parameters for the plain C# references.</summary>
    public static BatchNormValues Values(BatchNorm2d bn) =>
        new(Values(bn.running_mean!), Values(bn.running_var!), Values(bn.weight!), Values(bn.bias!), bn.eps);
}
