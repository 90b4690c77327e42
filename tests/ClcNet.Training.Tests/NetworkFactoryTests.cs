using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Training.Tests;

public sealed class NetworkFactoryTests
{
    [Fact]
    public void DefaultSpecGetsTheCompileTimeNetworkWithTheRunTimeLayout()
    {
        using nn.Module<Tensor, Tensor> generated = NetworkFactory.Create(NetworkFactory.FashionMnistSpec);
        using ClcNetModel runTime = ClcNetModel.Create(NetworkFactory.FashionMnistSpec);

        Assert.IsType<FashionMnistNet>(generated);
        Assert.Equal(FashionMnistNet.ParameterCount, generated.parameters().Sum(p => p.numel()));
        Assert.Equal(
            runTime.state_dict().Select(entry => (entry.Key, string.Join("x", entry.Value.shape))),
            generated.state_dict().Select(entry => (entry.Key, string.Join("x", entry.Value.shape))));
    }

    [Fact]
    public void OtherSpecsAreBuiltAtRunTime()
    {
        var spec = new ClcNetSpec(0, 0, 0, 0, classes: 3, inputChannels: 1, inputSize: 28, stemStride: 2);

        using nn.Module<Tensor, Tensor> network = NetworkFactory.Create(spec);

        Assert.Equal(spec, Assert.IsType<ClcNetModel>(network).Spec);
    }
}
