using ClcNet.Interop.Onnx;
using ClcNet.Interop.Tests.Support;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace ClcNet.Interop.Tests.Onnx;

public sealed class OnnxOpsetTests
{
    [Theory]
    [InlineData(9, 4)]
    [InlineData(10, 5)]
    [InlineData(11, 6)]
    [InlineData(13, 7)]
    [InlineData(17, 8)]
    [InlineData(21, 10)]
    [InlineData(23, 11)]
    public void EverySupportedOpsetIsStampedWithItsIrVersionAndRunsTheSameLogits(int opset, long irVersion)
    {
        ClcNetSpec spec = TestNetworks.FashionMnist;
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(spec);

        ModelProto onnx = ClcNetOnnx.ToModel(model, spec, new OnnxExportOptions { Opset = opset, FoldBatchNorm = false });

        OperatorSetIdProto imported = Assert.Single(onnx.OpsetImport);
        Assert.Equal(("", (long)opset), (imported.Domain, imported.Version));
        Assert.Equal(irVersion, onnx.IrVersion);
        using var classifier = OnnxClassifier.Load(onnx.ToByteArray(), $"opset{opset}.onnx");
        LogitAssert.SameAsNetwork(model, classifier, spec, 7, seed: opset);
    }

    [Fact]
    public void TheDefaultOpsetIs17()
    {
        ClcNetSpec spec = TestNetworks.Custom;
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(spec);

        Assert.Equal(17, Assert.Single(ClcNetOnnx.ToModel(model, spec).OpsetImport).Version);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(24)]
    [InlineData(0)]
    public void AnOpsetOutsideTheSupportedRangeIsRejected(int opset)
    {
        ClcNetSpec spec = TestNetworks.Custom;
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(spec);

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => ClcNetOnnx.ToModel(model, spec, new OnnxExportOptions { Opset = opset }));

        Assert.Contains($"ONNX opset {opset} is not supported: use an opset from 9 to 23", error.Message);
    }
}
