using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Tests;

public class ClcNetModelTests
{
    private static Dictionary<string, nn.Module> NamedModules(nn.Module model) =>
        model.named_modules().Where(entry => entry.name.Length > 0).ToDictionary(entry => entry.name, entry => entry.module);

    [Theory]
    [MemberData(nameof(TestSpecs.Names), MemberType = typeof(TestSpecs))]
    public void ParametersOfTheBuiltNetworkEqualThePlan(string specName)
    {
        using var model = ClcNetModel.Create(TestSpecs.Get(specName));
        Dictionary<string, nn.Module> modules = NamedModules(model);

        Assert.Equal(model.Plan.Parameters, model.parameters().Sum(parameter => parameter.numel()));
        foreach (PlannedLayer layer in model.Plan.Layers)
        {
            Assert.Equal((layer.Name, layer.Parameters), (layer.Name, modules[layer.Name].parameters().Sum(parameter => parameter.numel())));
        }
    }

    [Fact]
    public void EveryPlannedLayerIsALeafModuleOfTheSameName()
    {
        using var model = ClcNetModel.Create(ClcNetSpec.A);

        string[] leaves = model.named_modules()
            .Where(entry => entry.name.Length > 0 && !entry.module.children().Any())
            .Select(entry => entry.name)
            .ToArray();

        Assert.Equal(model.Plan.Layers.Select(layer => layer.Name), leaves);
    }

    [Fact]
    public void StateDictUsesTheReferenceModuleNames()
    {
        using var model = ClcNetModel.Create(ClcNetSpec.A);

        Dictionary<string, Tensor> state = model.state_dict();

        Assert.Equal([32L, 3L, 3L, 3L], state["stem.conv.weight"].shape);
        Assert.Equal([32L], state["stem.bn.running_var"].shape);
        Assert.Equal([32L, 2L, 3L, 3L], state["stage0.block0.conv3x3.weight"].shape);
        Assert.Equal([64L, 16L, 1L, 1L], state["stage0.block0.conv1x1.weight"].shape);
        Assert.Equal([128L, 2L, 3L, 3L], state["stage1.block1.conv3x3.weight"].shape);
        Assert.Equal([1024L, 256L, 1L, 1L], state["stage4.block0.conv1x1.weight"].shape);
        Assert.Equal([1024L, 512L, 1L, 1L], state["stage4.block2.conv1x1.weight"].shape);
        Assert.Equal([1000L, 1024L], state["head.fc.weight"].shape);
        Assert.Equal([1000L], state["head.fc.bias"].shape);
        Assert.DoesNotContain("stage4.block3.conv3x3.weight", state.Keys);
        // Only BatchNorm and the classifier have biases: the convolutions have none.
        Assert.All(state.Keys.Where(key => key.EndsWith(".bias", StringComparison.Ordinal)),
            key => Assert.Matches(@"(\.bn\d?|^head\.fc)\.bias$", key));
    }

    [Fact]
    public void EachLayerProducesThePlannedShapeAndTheLayersComposeToForward()
    {
        using DisposeScope scope = NewDisposeScope();
        using var model = ClcNetModel.Create(TestSpecs.Tiny28);
        model.eval();
        Dictionary<string, nn.Module> modules = NamedModules(model);
        Tensor input = randn(2, 1, 28, 28);

        Tensor x = input;
        foreach (PlannedLayer layer in model.Plan.Layers)
        {
            var module = (nn.Module<Tensor, Tensor>)modules[layer.Name];
            x = module.forward(layer.Kind == LayerKind.Linear ? x.flatten(1) : x);
            Assert.Equal($"{layer.Name} [2, {string.Join(", ", layer.OutputShape)}]", $"{layer.Name} [{string.Join(", ", x.shape)}]");
        }

        Assert.True(model.forward(input).allclose(x, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void ClcNetAForwardGivesOneRowOfAThousandLogits()
    {
        using DisposeScope scope = NewDisposeScope();
        using var model = ClcNetModel.Create(ClcNetSpec.A);
        model.eval();

        Tensor logits = model.forward(randn(1, 3, 224, 224));

        Assert.Equal([1L, 1000L], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void Gray28TrainingForwardGivesABatchOfTenLogits()
    {
        using DisposeScope scope = NewDisposeScope();
        using var model = ClcNetModel.Create(TestSpecs.Gray28);

        Tensor logits = model.forward(randn(3, 1, 28, 28));
        logits.sum().backward();

        Assert.Equal([3L, 10L], logits.shape);
        Assert.All(model.parameters(), parameter => Assert.NotNull(parameter.grad));
    }

    [Theory]
    [InlineData(17, 2)]
    [InlineData(9, 1)]
    public void SmallestAcceptedInputRuns(int inputSize, int stemStride)
    {
        // The smallest sizes where every stride-2 layer sees at least 2x2 (see ClcNetSpecTests).
        using DisposeScope scope = NewDisposeScope();
        using var model = ClcNetModel.Create(new ClcNetSpec(0, 0, 0, 0, classes: 5, inputSize: inputSize, stemStride: stemStride));
        model.eval();

        Tensor logits = model.forward(randn(2, 3, inputSize, inputSize));

        Assert.Equal([2L, 5L], logits.shape);
    }

    [Theory]
    [InlineData(1, 3, 28, 28)]
    [InlineData(1, 1, 32, 32)]
    [InlineData(1, 1, 28, 27)]
    [InlineData(1, 28, 28, 1)]
    public void InputOfAnotherShapeIsRefusedWithTheExpectedShape(long batch, long channels, long height, long width)
    {
        using var model = ClcNetModel.Create(TestSpecs.Tiny28);
        using Tensor input = zeros(batch, channels, height, width);

        ArgumentException error = Assert.Throws<ArgumentException>(() => model.forward(input));

        Assert.Contains($"expects input [N, 1, 28, 28], got [{batch}, {channels}, {height}, {width}]", error.Message);
    }

    [Fact]
    public void InvalidSpecIsRefusedWithTheProblemMessage()
    {
        var spec = new ClcNetSpec(1, -2, 5, 2);

        ArgumentException error = Assert.Throws<ArgumentException>(() => ClcNetModel.Create(spec));

        Assert.Equal("b", error.ParamName);
        Assert.StartsWith(spec.FindProblems().Single().Message, error.Message);
    }
}
