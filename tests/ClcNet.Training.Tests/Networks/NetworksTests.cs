using ClcNet.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Training.Tests.Networks;

/// <summary>The networks ClcNet.Training declares: the paper's, by their <c>-netType</c> names, and Fashion-MNIST's.</summary>
public sealed class NetworksTests
{
    [Theory]
    [InlineData("clcneta", typeof(ClcNetA))]
    [InlineData("clcnetb", typeof(ClcNetB))]
    [InlineData("fashionmnistnet", typeof(FashionMnistNet))]
    public void EachIsRegisteredOnceTheAssemblyIsIncluded(string name, Type network)
    {
        ClcNetRegistry.RegisterNetworksOf(typeof(FashionMnistNet).Assembly);

        Assert.Equal(network, ClcNetRegistry.Get(name).Type);
    }

    [Fact]
    public void ThePapersNetworksHaveThePublishedSpecs()
    {
        Assert.Equal(ClcNetSpec.A, ClcNetA.Spec);
        Assert.Equal(ClcNetSpec.B, ClcNetB.Spec);
    }

    [Fact]
    public void TheFashionMnistSpecGetsTheCompileTimeNetworkWithTheRunTimeLayout()
    {
        using nn.Module<Tensor, Tensor> generated = ClcNetRegistry.Create(FashionMnistNet.Spec);
        using var runTime = ClcNetModel.Create(FashionMnistNet.Spec);

        Assert.IsType<FashionMnistNet>(generated);
        Assert.Equal(FashionMnistNet.ParameterCount, generated.parameters().Sum(p => p.numel()));
        Assert.Equal(
            runTime.state_dict().Select(entry => (entry.Key, string.Join("x", entry.Value.shape))),
            generated.state_dict().Select(entry => (entry.Key, string.Join("x", entry.Value.shape))));
    }

    [Fact]
    public void OtherSpecsAreBuiltAtRunTime()
    {
        ClcNetSpec spec = FashionMnistNet.Spec with { Classes = 3 };

        using nn.Module<Tensor, Tensor> network = ClcNetRegistry.Create(spec);

        Assert.Equal(spec, Assert.IsType<ClcNetModel>(network).Spec);
    }
}
