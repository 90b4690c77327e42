using ClcNet.Kernels;
using ClcNet.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Generators.UsageTests;

/// <summary>
/// A generated network on the ILGPU or CPU kernels specialized to its generated block shapes, against the same
/// network on libtorch. ILGPU's CPU accelerator is a slow simulator, so batches are tiny.
/// </summary>
public class GeneratedKernelsTests
{
    // The kernels match libtorch to 1e-5 per block (ClcNet.Kernels.Tests); errors add up over a network's 9 blocks.
    private const double Tolerance = 1e-4;

    [Fact]
    public void KernelsStartOnLibTorchAndSwitchEveryBlock()
    {
        using var network = new FashionNet();
        ClcBlock[] blocks = [.. network.modules().OfType<ClcBlock>()];
        Assert.Equal(ClcKernels.LibTorch, network.Kernels);

        network.Kernels = ClcKernels.Ilgpu;
        Assert.All(blocks, block => Assert.Equal(ClcKernels.Ilgpu, block.Kernels));
        Assert.Equal(ClcKernels.Ilgpu, network.Kernels);

        network.UseKernels(ClcKernels.LibTorch);
        Assert.Equal(ClcKernels.LibTorch, network.Kernels);
    }

    [Fact]
    public void EveryBlockHasAGeneratedConstantShapeWithItsValues()
    {
        using var network = new FashionNet();

        foreach (ClcBlock block in network.modules().OfType<ClcBlock>())
        {
            ClcBlockShape shape = block.Shape;
            string name = $"ClcNet.Generated.Block{shape.InChannels}To{shape.OutChannels}Stride{shape.Stride}Groups{shape.Groups3x3}x{shape.Groups1x1}";
            Type? generated = typeof(FashionNet).Assembly.GetType(name);
            Assert.True(generated is not null, $"no generated struct {name} for {shape}");
            Assert.True(generated.IsValueType && generated.IsNotPublic, $"{name} is not an internal struct");
            var constant = (IClcBlockShape)Activator.CreateInstance(generated)!;
            Assert.Equal(shape, new ClcBlockShape(constant.InChannels, constant.OutChannels, constant.Stride, constant.Groups3x3, constant.Groups1x1));
        }
    }

    [Theory]
    [InlineData(ClcKernels.Ilgpu)]
    [InlineData(ClcKernels.Cpu)]
    public void InferenceOnKernelsGivesTheLibTorchLogits(ClcKernels kernels)
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(1);
        var network = new FashionNet();
        Tensor images = randn(2, 1, 28, 28);
        using (no_grad())
        {
            // One training-mode pass moves the BN running statistics off 0 and 1, so that folding them is tested.
            network.train();
            network.forward(randn(4, 1, 28, 28));
        }
        network.eval();
        using IDisposable noGrad = no_grad();

        Tensor expected = network.forward(images);
        network.Kernels = kernels;
        Tensor actual = network.forward(images);

        AssertClose(actual, expected, "logits");
    }

    [Theory]
    [InlineData(ClcKernels.Ilgpu)]
    [InlineData(ClcKernels.Cpu)]
    public void ATrainingStepOnKernelsGivesTheLibTorchLossAndGradients(ClcKernels kernels)
    {
        using DisposeScope scope = NewDisposeScope();
        manual_seed(2);
        var network = new FashionNet();
        network.train();
        Tensor images = randn(2, 1, 28, 28);
        Tensor labels = tensor(new long[] { 3, 8 });

        (Tensor expectedLoss, Dictionary<string, Tensor> expectedGradients) = TrainingStep(network, images, labels);
        network.Kernels = kernels;
        (Tensor actualLoss, Dictionary<string, Tensor> actualGradients) = TrainingStep(network, images, labels);

        AssertClose(actualLoss, expectedLoss, "loss");
        // Against the network's largest gradient: each block's bn1.bias has a zero gradient in exact arithmetic
        // (bn2 in training mode removes any per-channel constant), so there both sides are rounding noise.
        double gradientScale = expectedGradients.Values.Max(gradient => gradient.abs().max().item<float>());
        foreach ((string name, Tensor expected) in expectedGradients)
        {
            AssertClose(actualGradients[name], expected, $"gradient of {name}", gradientScale);
        }
    }

    /// <summary>Forward in training mode, cross-entropy, backward: the loss and every parameter's gradient.</summary>
    private static (Tensor Loss, Dictionary<string, Tensor> Gradients) TrainingStep(FashionNet network, Tensor images, Tensor labels)
    {
        network.zero_grad();
        Tensor loss = nn.functional.cross_entropy(network.forward(images), labels);
        loss.backward();
        var gradients = network.named_parameters()
            .ToDictionary(parameter => parameter.name, parameter => parameter.parameter.grad!.clone());
        return (loss.detach(), gradients);
    }

    /// <summary>The largest difference over the largest reference magnitude (or over <paramref name="scale"/>, when larger).</summary>
    private static void AssertClose(Tensor actual, Tensor expected, string what, double scale = 0)
    {
        Assert.Equal(expected.shape, actual.shape);
        double difference = (actual - expected).abs().max().item<float>();
        double reference = Math.Max(expected.abs().max().item<float>(), scale);
        Assert.True(reference > 0, $"{what}: the reference is all zeros; the comparison would prove nothing");
        double error = difference / reference;
        Assert.True(error < Tolerance, $"{what}: relative error {error:E2} is not below {Tolerance:E0}");
    }
}
