using ClcNet.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Tests;

/// <summary>
/// A random input, 3x3 weight and output gradient of a block's interlaced 3x3 convolution, and libtorch autograd's
/// output and gradients for them (grouped conv2d, then the interlace): what every family's
/// <see cref="InterlacedConv3x3"/> is checked against.
/// </summary>
internal sealed class InterlacedConv3x3Case
{
    private readonly ClcBlockShape shape;
    private readonly Tensor input;
    private readonly Tensor weight;
    private readonly Tensor gradient;
    private readonly Tensor expected;
    private readonly Tensor expectedInputGradient;
    private readonly Tensor expectedWeightGradient;

    /// <summary>
    /// The tensors of <paramref name="shape"/> on <paramref name="batch"/> inputs of <paramref name="size"/> x
    /// <paramref name="size"/>, from <paramref name="seed"/>.
    /// </summary>
    public InterlacedConv3x3Case(ClcBlockShape shape, int batch, int size, int seed)
    {
        this.shape = shape;
        FeatureMapGeometry map = Blocks.Map(shape, batch, size);
        var generator = new Generator((ulong)seed);
        input = randn([batch, shape.InChannels, size, size], generator: generator);
        weight = randn([shape.InChannels, shape.GroupSize3x3, 3, 3], generator: generator);
        gradient = randn([batch, shape.InChannels, map.OutputHeight, map.OutputWidth], generator: generator);

        Tensor inputLeaf = input.clone().requires_grad_();
        Tensor weightLeaf = weight.clone().requires_grad_();
        expected = Interlace.Apply(nn.functional.conv2d(inputLeaf, weightLeaf, strides: [shape.Stride, shape.Stride], padding: [1, 1],
            groups: shape.Groups3x3), shape.Groups3x3);
        expected.backward([gradient]);
        expectedInputGradient = inputLeaf.grad!;
        expectedWeightGradient = weightLeaf.grad!;
    }

    /// <summary>
    /// Runs <paramref name="apply"/> (input, weight) on fresh leaves and its backward, and asserts that the output and
    /// both gradients match libtorch's; <paramref name="context"/> follows the shape in the messages.
    /// </summary>
    public void AssertMatches(Func<Tensor, Tensor, Tensor> apply, string context = "", double tolerance = Tolerance.Float32)
    {
        Tensor inputLeaf = input.clone().requires_grad_();
        Tensor weightLeaf = weight.clone().requires_grad_();
        Tensor actual = apply(inputLeaf, weightLeaf);
        actual.backward([gradient]);

        Tolerance.Close(actual, expected, $"interlaced 3x3 forward {shape}{context}", tolerance);
        Tolerance.Close(inputLeaf.grad!, expectedInputGradient, $"input gradient {shape}{context}", tolerance);
        Tolerance.Close(weightLeaf.grad!, expectedWeightGradient, $"weight gradient {shape}{context}", tolerance);
    }
}
