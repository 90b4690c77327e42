using System.Reflection;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Generators.UsageTests;

/// <summary>Generated networks against TorchSharp's own accounting and the run-time builder <see cref="ClcNetModel"/>.</summary>
public class GeneratedNetworkTests
{
    [Fact]
    public void ParameterCountIsTheNumberOfTrainableValues()
    {
        using var myNet = new MyNet();
        using var fashionNet = new FashionNet();

        Assert.Equal(MyNet.ParameterCount, myNet.parameters().Sum(parameter => parameter.numel()));
        Assert.Equal(FashionNet.ParameterCount, fashionNet.parameters().Sum(parameter => parameter.numel()));
    }

    [Fact]
    public void CompileTimeConstantsAgreeWithTheAttributeAndThePlan()
    {
        foreach ((Type network, ClcNetSpec spec, long parameters, long multiplyAdds) in new[]
        {
            (typeof(MyNet), MyNet.Spec, MyNet.ParameterCount, MyNet.MultiplyAdds),
            (typeof(FashionNet), FashionNet.Spec, FashionNet.ParameterCount, FashionNet.MultiplyAdds),
        })
        {
            Assert.Equal(network.GetCustomAttribute<ClcNetAttribute>()!.Spec, spec);
            var plan = LayerPlan.For(spec);
            Assert.Equal(plan.Parameters, parameters);
            Assert.Equal(plan.MultiplyAdds, multiplyAdds);
        }
        Assert.Equal(ClcNetSpec.A, MyNet.Spec);
    }

    [Fact]
    public void MyNetClassifiesAnImageInto1000Classes()
    {
        using var network = new MyNet();
        network.eval();
        using IDisposable noGrad = no_grad();
        using Tensor image = randn(1, 3, 224, 224);

        using Tensor logits = network.forward(image);

        Assert.Equal([1L, 1000L], logits.shape);
    }

    [Fact]
    public void FashionNetTrainsOnABatch()
    {
        using var network = new FashionNet();
        network.train();
        using Tensor images = randn(4, 1, 28, 28);
        using Tensor labels = tensor(new long[] { 0, 3, 7, 9 });

        using Tensor logits = network.forward(images);
        using Tensor loss = nn.functional.cross_entropy(logits, labels);
        loss.backward();

        Assert.Equal([4L, 10L], logits.shape);
        foreach ((string name, Parameter parameter) in network.named_parameters())
        {
            using Tensor? gradient = parameter.grad;
            Assert.True(gradient is not null, $"{name} has no gradient");
            Assert.Equal(parameter.shape, gradient.shape);
            using Tensor finite = gradient.isfinite().all();
            Assert.True(finite.item<bool>(), $"{name} has a non-finite gradient");
        }
    }

    [Fact]
    public void StateDictHasTheKeysAndShapesOfTheRunTimeModel()
    {
        using var generated = new MyNet();
        using var reference = ClcNetModel.Create(MyNet.Spec);

        Dictionary<string, long[]> Shapes(nn.Module module) =>
            module.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.shape);

        Dictionary<string, long[]> generatedShapes = Shapes(generated);
        Assert.Equal(Shapes(reference), generatedShapes);
        Assert.Contains("stem.conv.weight", generatedShapes.Keys);
        Assert.Contains("stage3.block5.conv3x3.weight", generatedShapes.Keys);
        Assert.Contains("head.fc.weight", generatedShapes.Keys);
    }

    [Fact]
    public void WithCopiedWeightsTheRunTimeModelGivesIdenticalOutputs()
    {
        using var generated = new FashionNet();
        using var reference = ClcNetModel.Create(FashionNet.Spec);
        using Tensor images = randn(4, 1, 28, 28);
        using (no_grad())
        {
            // One training-mode pass moves the BatchNorm running statistics away from their initial values,
            // so that copying them is tested too.
            generated.train();
            generated.forward(images).Dispose();
        }
        reference.load_state_dict(generated.state_dict());
        generated.eval();
        reference.eval();

        using IDisposable noGrad = no_grad();
        using Tensor expected = reference.forward(images);
        using Tensor actual = generated.forward(images);

        Assert.True(expected.allclose(actual, rtol: 0, atol: 0), "the generated network and ClcNetModel disagree after copying weights");
    }

    [Fact]
    public void InputOfAnotherShapeIsRejectedWithTheExpectedShape()
    {
        using var fashionNet = new FashionNet();
        using Tensor rgb = zeros(1, 3, 28, 28);

        ArgumentException error = Assert.Throws<ArgumentException>(() => fashionNet.forward(rgb));

        Assert.Contains("expects input [N, 1, 28, 28], got [1, 3, 28, 28]", error.Message);
    }
}
