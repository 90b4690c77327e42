using ClcNet.Interop.Onnx;
using ClcNet.Interop.Tests.Support;
using ClcNet.Modules;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Interop.Tests.Onnx;

public sealed class InterlaceFoldingTests
{
    [Theory]
    [InlineData(4, 2)]
    [InlineData(64, 32)]
    [InlineData(12, 3)]
    [InlineData(8, 8)]
    public void SourceChannelsAreWhereTheInterlaceModuleTakesEachChannelFrom(int channels, int groups)
    {
        using Tensor labelled = arange(channels, dtype: float32).view(1, channels, 1, 1);
        using Tensor interlaced = Interlace.Apply(labelled, groups);

        int[] expected = [.. interlaced.flatten().data<float>().ToArray().Select(value => (int)value)];
        Assert.Equal(expected, InterlaceFolding.SourceChannels(channels, groups));
    }

    [Theory]
    [InlineData(64, 32, 1, true)]   // dense 1x1: any order of its inputs is a dense 1x1
    [InlineData(64, 64, 2, true)]   // 1-channel 3x3 groups: the interlace is the identity
    [InlineData(64, 32, 2, false)]  // the published block: its 1x1 groups read the even and the odd channels
    [InlineData(64, 16, 4, false)]
    [InlineData(64, 16, 2, false)]
    public void TheInterlaceFoldsIntoThe1x1ExactlyWhenEachGroupKeepsItsChannels(int channels, int interlaceGroups, int pointwiseGroups, bool folds)
    {
        Assert.Equal(folds, InterlaceFolding.FoldsIntoPointwise(channels, interlaceGroups, pointwiseGroups));
    }

    [Theory]
    [InlineData(64, 32, 1)]
    [InlineData(64, 64, 2)]
    [InlineData(12, 4, 1)]
    public void TheFolded1x1ComputesWhatThe1x1AfterTheInterlaceComputes(int channels, int interlaceGroups, int pointwiseGroups)
    {
        manual_seed(3);
        using DisposeScope scope = NewDisposeScope();
        Tensor features = randn(2, channels, 5, 5);
        Tensor weight = randn(2 * channels, channels / pointwiseGroups, 1, 1);

        Tensor expected = nn.functional.conv2d(Interlace.Apply(features, interlaceGroups), weight, groups: pointwiseGroups);
        Tensor folded = nn.functional.conv2d(features, InterlaceFolding.FoldIntoPointwise(weight, interlaceGroups, pointwiseGroups), groups: pointwiseGroups);

        double difference = (expected - folded).abs().max().item<float>();
        Assert.True(difference < 1e-4, $"largest difference {difference}");
    }

    [Fact]
    public void AnInterlaceThatDoesNotFoldIsRefused()
    {
        using Tensor weight = zeros(64, 32, 1, 1);

        ArgumentException error = Assert.Throws<ArgumentException>(() => InterlaceFolding.FoldIntoPointwise(weight, 32, 2));

        Assert.Contains("does not fold", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AFoldableNetworkExportsWithoutTransposesAndKeepsItsLogits(bool foldInterlace)
    {
        ClcNetSpec spec = TestNetworks.DensePointwise;
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(spec);
        using var folder = new TemporaryFolder();
        string path = folder.File("net.onnx");

        ClcNetOnnx.Export(model, spec, path, new OnnxExportOptions { FoldInterlace = foldInterlace });

        ModelProto onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        int blocks = LayerPlan.For(spec).Blocks.Count;
        Assert.Equal(foldInterlace ? 0 : blocks, onnx.Graph.Node.Count(node => node.OpType == "Transpose"));
        Assert.Equal(foldInterlace ? 0 : 2 * blocks, onnx.Graph.Node.Count(node => node.OpType == "Reshape"));
        using var classifier = OnnxClassifier.Load(path);
        LogitAssert.SameAsNetwork(model, classifier, spec, 7, seed: 7);
    }

    [Fact]
    public void ThePublishedBlocksKeepTheirInterlaceAsReshapeTransposeReshape()
    {
        ClcNetSpec spec = TestNetworks.FashionMnist;
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(spec);

        GraphProto graph = ClcNetOnnx.ToModel(model, spec).Graph;

        NodeProto[] transposes = [.. graph.Node.Where(node => node.OpType == "Transpose")];
        Assert.Equal(LayerPlan.For(spec).Blocks.Select(block => $"{block.Name}.interlace.transpose"), transposes.Select(node => node.Name));
    }
}
