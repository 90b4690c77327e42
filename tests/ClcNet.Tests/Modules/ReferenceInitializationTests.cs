using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Tests.Modules;

/// <summary>The initialisation of docs/clcnet.md#initialisation, measured on a seeded clcNet-A.</summary>
[Collection(GlobalGeneratorCollection.Name)]
public class ReferenceInitializationTests
{
    private static ClcNetModel SeededClcNetA()
    {
        torch.manual_seed(0);
        return ClcNetModel.Create(ClcNetSpec.A);
    }

    private static T Module<T>(nn.Module model, string name) where T : nn.Module => (T)model.named_modules().Single(entry => entry.name == name).module;

    private static double FanOutStd(Conv2d conv)
    {
        long[] shape = conv.weight.shape;
        return Math.Sqrt(2.0 / (shape[2] * shape[3] * shape[0]));
    }

    [Theory]
    [InlineData("stage4.block1.conv1x1")]
    [InlineData("stage3.block1.conv1x1")]
    [InlineData("stage4.block0.conv3x3")]
    public void LargeConvolutionWeightIsCenteredNormalWithFanOutStd(string name)
    {
        using DisposeScope scope = NewDisposeScope();
        using ClcNetModel model = SeededClcNetA();
        Conv2d conv = Module<Conv2d>(model, name);
        double expectedStd = FanOutStd(conv);
        long count = conv.weight.numel();

        double std = conv.weight.std().item<float>(), mean = conv.weight.mean().item<float>();

        Assert.InRange(std / expectedStd, 0.97, 1.03);
        double meanBound = 5 * expectedStd / Math.Sqrt(count);
        Assert.InRange(mean, -meanBound, meanBound);
    }

    [Fact]
    public void EveryConvolutionUsesItsOwnFanOut()
    {
        // fan-out = 9 * out for 3x3 and out for 1x1: fan-in would give a different std for every layer here.
        using DisposeScope scope = NewDisposeScope();
        using ClcNetModel model = SeededClcNetA();

        foreach ((string? name, nn.Module? module) in model.named_modules())
        {
            if (module is not Conv2d conv)
            {
                continue;
            }
            double ratio = conv.weight.std().item<float>() / FanOutStd(conv);
            double tolerance = 6 / Math.Sqrt(2.0 * conv.weight.numel());
            Assert.True(Math.Abs(ratio - 1) < tolerance, $"{name}: std is {ratio:F3} times sqrt(2 / fan-out)");
            Assert.Null(conv.bias);
        }
    }

    [Fact]
    public void BatchNormStartsAsIdentityWithReferenceSettings()
    {
        using DisposeScope scope = NewDisposeScope();
        using ClcNetModel model = SeededClcNetA();
        BatchNorm2d[] norms = model.modules().OfType<BatchNorm2d>().ToArray();

        Assert.Equal(1 + 2 * model.Plan.Blocks.Count, norms.Length);
        Assert.All(norms, bn =>
        {
            Assert.True(bn.weight.eq(1).all().item<bool>());
            Assert.True(bn.bias!.eq(0).all().item<bool>());
            Assert.True(bn.running_mean!.eq(0).all().item<bool>());
            Assert.True(bn.running_var!.eq(1).all().item<bool>());
            Assert.Equal(1e-5, bn.eps);
            Assert.Equal(0.1, bn.momentum);
        });
    }

    [Fact]
    public void ClassifierWeightIsUniformInTheFanInBoundAndBiasIsZero()
    {
        using DisposeScope scope = NewDisposeScope();
        using ClcNetModel model = SeededClcNetA();
        Linear fc = Module<Linear>(model, "head.fc");
        double bound = 1 / Math.Sqrt(1024);

        Assert.True(fc.bias!.eq(0).all().item<bool>());
        Assert.InRange(fc.weight.min().item<float>(), -bound, -0.999 * bound);
        Assert.InRange(fc.weight.max().item<float>(), 0.999 * bound, bound);
        // Uniform(-b, b) has std b / sqrt(3); a million samples pin it well within 1 %.
        Assert.InRange(fc.weight.std().item<float>() / (bound / Math.Sqrt(3)), 0.99, 1.01);
    }

    [Fact]
    public void SeededCreationIsRepeatableAndTheSeedMatters()
    {
        using DisposeScope scope = NewDisposeScope();
        static Dictionary<string, Tensor> StateWithSeed(long seed)
        {
            torch.manual_seed(seed);
            using var model = ClcNetModel.Create(TestSpecs.Tiny28);
            return model.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.clone());
        }

        Dictionary<string, Tensor> first = StateWithSeed(7), again = StateWithSeed(7), other = StateWithSeed(8);

        Assert.All(first, entry => Assert.True(entry.Value.eq(again[entry.Key]).all().item<bool>(), entry.Key));
        Assert.False(first["stage2.block0.conv3x3.weight"].eq(other["stage2.block0.conv3x3.weight"]).all().item<bool>());
        Assert.False(first["head.fc.weight"].eq(other["head.fc.weight"]).all().item<bool>());
    }
}
