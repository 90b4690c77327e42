using ClcNet.Interop.Onnx;
using ClcNet.Interop.Tests.Support;
using Onnx;
using static TorchSharp.torch;

namespace ClcNet.Interop.Tests.Onnx;

public sealed class OnnxExportTests
{
    public static TheoryData<string, bool> NetworksAndFolding => new()
    {
        { "clcNet-A", true }, { "clcNet-A", false },
        { "clcNet-B", true }, { "clcNet-B", false },
        { "Fashion-MNIST", true }, { "Fashion-MNIST", false },
        { "custom", true }, { "custom", false },
    };

    [Theory]
    [MemberData(nameof(NetworksAndFolding))]
    public void OnnxRuntimeComputesTorchSharpsLogitsForBatchesOf1And7(string network, bool foldBatchNorm)
    {
        ClcNetSpec spec = TestNetworks.Named(network);
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(spec);
        using var folder = new TemporaryFolder();
        string path = folder.File("net.onnx");

        ClcNetOnnx.Export(model, spec, path, new OnnxExportOptions { FoldBatchNorm = foldBatchNorm });

        using var classifier = OnnxClassifier.Load(path);
        foreach (int batch in new[] { 1, 7 })
        {
            LogitAssert.SameAsNetwork(model, classifier, spec, batch, seed: batch);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BatchNormIsFoldedIntoTheConvolutionsOrKeptAsOneNodePerLayer(bool foldBatchNorm)
    {
        ClcNetSpec spec = TestNetworks.FashionMnist;
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(spec);

        ModelProto onnx = ClcNetOnnx.ToModel(model, spec, new OnnxExportOptions { FoldBatchNorm = foldBatchNorm });

        int batchNorms = LayerPlan.For(spec).Layers.Count(layer => layer.Kind == LayerKind.BatchNorm);
        Assert.Equal(foldBatchNorm ? 0 : batchNorms, onnx.Graph.Node.Count(node => node.OpType == "BatchNormalization"));
        Assert.All(onnx.Graph.Node.Where(node => node.OpType == "Conv"), conv => Assert.Equal(foldBatchNorm ? 3 : 2, conv.Input.Count));
    }

    [Fact]
    public void TheGraphHasANamedInputAndOutputWithADynamicBatchAxis()
    {
        ClcNetSpec spec = TestNetworks.Custom;
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(spec);

        GraphProto graph = ClcNetOnnx.ToModel(model, spec).Graph;

        ValueInfoProto input = Assert.Single(graph.Input);
        ValueInfoProto output = Assert.Single(graph.Output);
        Assert.Equal("input", input.Name);
        Assert.Equal("logits", output.Name);
        Assert.Equal(["batch", "1", "32", "32"], Dimensions(input));
        Assert.Equal(["batch", "5"], Dimensions(output));
    }

    [Fact]
    public void ExportingLeavesTheModuleAsItWas()
    {
        ClcNetSpec spec = TestNetworks.FashionMnist;
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(spec);
        model.train();
        var before = model.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.clone());

        ClcNetOnnx.ToModel(model, spec, new OnnxExportOptions { FoldBatchNorm = true });

        Assert.True(model.training);
        Assert.All(model.state_dict(), entry => Assert.True(entry.Value.eq(before[entry.Key]).all().item<bool>(), entry.Key));
    }

    [Fact]
    public void AModuleOfAnotherSpecIsRejectedAndTheExistingFileKept()
    {
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(TestNetworks.Custom);
        using var folder = new TemporaryFolder();
        string path = folder.File("net.onnx");
        File.WriteAllText(path, "an earlier export");
        ClcNetSpec other = new(0, 1, 0, 0, classes: 6, inputChannels: 1, inputSize: 32, stemStride: 1);

        ArgumentException error = Assert.Throws<ArgumentException>(() => ClcNetOnnx.Export(model, other, path));

        Assert.Contains("its head.fc should be a linear layer [6, 1024] with bias but is a linear layer [5, 1024] with bias", error.Message);
        Assert.Equal("an earlier export", File.ReadAllText(path));
    }

    [Theory]
    [InlineData(64, "its head.pool should be a 4x4 average pool but is a 2x2 average pool")]
    [InlineData(32, "its stem.conv should be a 3x3 convolution [32, 1, 3, 3] with stride 2 and 1 groups but is a 3x3 convolution [32, 1, 3, 3] with stride 1 and 1 groups")]
    public void AModuleBuiltForAnotherInputSizeOrStrideIsRejected(int inputSize, string problem)
    {
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(TestNetworks.Custom);
        ClcNetSpec other = new(0, 1, 0, 0, classes: 5, inputChannels: 1, inputSize: inputSize, stemStride: inputSize == 32 ? 2 : 1);

        ArgumentException error = Assert.Throws<ArgumentException>(() => ClcNetOnnx.ToModel(model, other));

        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void ClassNamesMustNameEveryOutput()
    {
        ClcNetSpec spec = TestNetworks.Custom;
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(spec);

        ArgumentException error = Assert.Throws<ArgumentException>(() => ClcNetOnnx.ToModel(model, spec, new OnnxExportOptions { ClassNames = ["cat", "dog"] }));

        Assert.Contains("2 class names were given for the 5 outputs", error.Message);
    }

    private static string[] Dimensions(ValueInfoProto value) =>
        [.. value.Type.TensorType.Shape.Dim.Select(dim => dim.HasDimParam ? dim.DimParam : dim.DimValue.ToString())];
}
