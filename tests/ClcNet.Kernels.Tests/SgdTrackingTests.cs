using ClcNet.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Tests;

public sealed class SgdTrackingTests
{
    private const int Steps = 4;

    [Theory]
    [InlineData(ClcKernels.Ilgpu)]
    [InlineData(ClcKernels.Cpu)]
    public void Sgd_steps_with_kernels_track_the_libtorch_run(ClcKernels kernels)
    {
        using DisposeScope scope = NewDisposeScope();
        Sequential libtorch = TinyNetwork(seed: 41);
        Sequential switched = TinyNetwork(seed: 41).UseKernels(kernels);
        var generator = new Generator(42);
        Tensor images = randn([Steps, 4, 4, 8, 8], generator: generator);
        Tensor labels = randint(3, [Steps, 4], generator: generator);

        float[] expectedLosses = Train(libtorch, images, labels);
        float[] actualLosses = Train(switched, images, labels);

        Assert.True(expectedLosses[^1] < expectedLosses[0], "the libtorch run does not learn; the comparison would prove little");
        Tolerance.Close(actualLosses, expectedLosses, "losses per step", tolerance: 1e-4);
        // Measured against the network's largest parameter: the blocks' bn1.bias has a zero gradient in exact
        // arithmetic (bn2 in training mode removes it), so it only moves by rounding noise and weight decay.
        var expectedParameters = libtorch.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        double parameterScale = expectedParameters.Values.Max(parameter => parameter.abs().max().item<float>());
        foreach ((string name, Parameter parameter) in switched.named_parameters())
        {
            Tolerance.Close(parameter, expectedParameters[name], $"{name} after {Steps} steps", tolerance: 1e-4, scale: parameterScale);
        }
    }

    // Two blocks (one with stride 2), global average pooling and a classifier of 3 classes.
    private static Sequential TinyNetwork(int seed)
    {
        manual_seed(seed);
        Sequential network = nn.Sequential(
            ("block0", new ClcBlock(4, 8, 2, 2, 2)),
            ("block1", new ClcBlock(8, 8, 1, 4, 2)),
            ("pool", nn.AdaptiveAvgPool2d(1)),
            ("flatten", nn.Flatten()),
            ("fc", nn.Linear(8, 3)));
        ReferenceInitialization.Apply(network);
        return network;
    }

    private static float[] Train(Sequential network, Tensor images, Tensor labels)
    {
        SGD optimizer = optim.SGD(network.parameters(), 0.1, momentum: 0.9, nesterov: true, weight_decay: 1e-4);
        var losses = new float[Steps];
        for (int step = 0; step < Steps; step++)
        {
            using DisposeScope stepScope = NewDisposeScope();
            optimizer.zero_grad();
            Tensor loss = nn.functional.cross_entropy(network.forward(images[step]), labels[step]);
            loss.backward();
            optimizer.step();
            losses[step] = loss.item<float>();
        }
        return losses;
    }
}
